// Every kernel of include/vector_kernels.h, one file each, compiled as this one translation unit
// (Package.swift excludes the files themselves): clang writes DWARF 5 debug information, and
// Debian's valgrind (3.19) cannot read a library with more than one DWARF 5 unit, so a program
// linking libgrounding could not be checked for leaks. Each file includes what it needs.
//
// No contraction into fused multiply-adds anywhere in the unit: the Winograd and activation
// kernels must do exactly the Swift paths' operations (they say so again themselves), and the
// depthwise sums write their fused multiply-adds out as intrinsics.
#pragma clang fp contract(off)

#include "depthwise_sums.c"
#include "piecewise_activation.c"
#include "silu_activation.c"
#include "winograd2x2_transforms.c"
#include "winograd4x4_transforms.c"
