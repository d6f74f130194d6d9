"""The YOLO head ([yolo] layer) decoded in numpy from the raw convolution output feeding it, in
OpenCV DNN's layout, which scripts/opencv_reference.py checks against OpenCV on every photo."""

import numpy as np


def decode_head(conv, head, size):
    """Rows [cx, cy, w, h, objectness, objectness × class probability ...] for one image.

    `conv` is that image's raw output, (anchors·(5 + classes)) × grid_h × grid_w; `head` a
    ``DarknetModel.heads`` entry; `size` the network input (width, height). Rows are ordered
    (cell_y, cell_x, slot) with the anchor slot fastest; cx, cy, w, h are fractions of the input.
    Computed in `conv`'s dtype.
    """
    mask, scale_x_y = head["mask"], head["scale_x_y"]
    grid_h, grid_w = conv.shape[1:]
    t = conv.reshape(len(mask), -1, grid_h, grid_w).transpose(2, 3, 0, 1).reshape(grid_h * grid_w * len(mask), -1)
    sig = 1 / (1 + np.exp(-t))
    cell_y, cell_x, slot = (a.ravel() for a in np.meshgrid(np.arange(grid_h), np.arange(grid_w),
                                                             np.arange(len(mask)), indexing="ij"))
    anchors = np.asarray(head["anchors"], conv.dtype)[mask][slot]
    offset = (scale_x_y - 1) / 2  # scale_x_y > 1 lets a centre reach its cell's borders
    return np.column_stack([
        (cell_x + sig[:, 0] * scale_x_y - offset) / grid_w,
        (cell_y + sig[:, 1] * scale_x_y - offset) / grid_h,
        np.exp(t[:, 2]) * anchors[:, 0] / size[0],
        np.exp(t[:, 3]) * anchors[:, 1] / size[1],
        sig[:, 4],
        sig[:, 4:5] * sig[:, 5:],
    ]).astype(conv.dtype, copy=False)
