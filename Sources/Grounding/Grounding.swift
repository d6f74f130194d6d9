// `import Grounding` brings the whole engine: the core (detections, preprocessing, tiling,
// merging, names, output, the engine), image I/O, the compute kernels and every model runtime.
// This module is the one place that knows which backends exist.
@_exported import GroundingCompute
@_exported import GroundingCore
@_exported import GroundingDarknet
@_exported import GroundingExemplar
@_exported import GroundingImageIO
@_exported import GroundingONNX
@_exported import GroundingTFLite
