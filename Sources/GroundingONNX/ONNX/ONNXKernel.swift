import GroundingCompute

/// One planned operator of an ``ONNXInterpreter``: reads activations from an
/// ``ActivationWorkspace`` and writes its one output there.
///
/// Activations are stored as ONNX lays them out, row-major; for an image `[1, C, H, W]` that is
/// one `H × W` plane per channel, the layout the engine's preprocessing produces and the
/// convolution kernels want. Kernels are built once at load (weights packed) and shared by
/// every forward pass.
protocol ONNXKernel: GraphKernel {}
