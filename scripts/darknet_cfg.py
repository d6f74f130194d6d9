"""A Darknet model folder as the reference scripts and peers read it: the cfg's sections, the
network input size and the [yolo] heads.

Shared by scripts/opencv_reference.py, scripts/darknet_to_onnx.py and Benchmarks/peers/*.py.
"""

import os
from pathlib import Path


def default_model_dir():
    """`$GROUNDING_MODEL_DIR`, else ~/.cache/grounding/models/yolov4-tiny."""
    return os.environ.get("GROUNDING_MODEL_DIR",
                          str(Path.home() / ".cache/grounding/models/yolov4-tiny"))


class DarknetModel:
    """The cfg, weights and names files of a model folder, with the cfg parsed.

    >>> model = DarknetModel(default_model_dir())
    >>> model.input_size, [h["mask"] for h in model.heads]
    ((416, 416), [[3, 4, 5], [1, 2, 3]])
    """

    def __init__(self, folder, stem="yolov4-tiny"):
        folder = Path(folder)
        self.cfg = folder / f"{stem}.cfg"
        self.weights = folder / f"{stem}.weights"
        self.names_file = folder / "coco.names"
        for path in (self.cfg, self.weights, self.names_file):
            if not path.is_file():
                raise SystemExit(f"{path}: missing; pass --model DIR with a Darknet model folder"
                                 " (or run scripts/fetch-model.sh)")
        sections = parse_cfg(self.cfg)
        if not sections or sections[0][0] not in ("net", "network"):
            raise SystemExit(f"{self.cfg}: the first section must be [net]")
        self.net = sections[0][1]
        #: The layers after [net], in order: (section name, {key: value}).
        self.layers = sections[1:]
        self.input_size = (int(self.net["width"]), int(self.net["height"]))
        self.channels = int(self.net.get("channels", 3))
        self.names = [n for n in self.names_file.read_text().splitlines() if n.strip()]
        self.heads = []
        for index, (kind, params) in enumerate(self.layers):
            if kind != "yolo":
                continue
            anchors = [float(a) for a in params["anchors"].split(",")]
            self.heads.append({
                "index": index,
                "input": index - 1,  # a [yolo] layer reads the layer just before it
                "mask": [int(m) for m in params["mask"].split(",")],
                "anchors": [anchors[i:i + 2] for i in range(0, len(anchors), 2)],
                "classes": int(params["classes"]),
                "scale_x_y": float(params.get("scale_x_y", 1)),
            })

    def head_input_name(self, head):
        """The name OpenCV's Darknet importer gives the [convolutional] layer feeding `head`:
        "conv_<index>", with the index counted after [net]. The ONNX export uses it too."""
        kind = self.layers[head["input"]][0]
        if kind != "convolutional":
            raise SystemExit(f"{self.cfg}: [yolo] layer {head['index']} reads a [{kind}] layer;"
                             " only a [convolutional] one is supported")
        return f"conv_{head['input']}"


def parse_cfg(path):
    """The cfg as a list of (section name, {key: value}) in file order; comments dropped."""
    sections = []
    for number, line in enumerate(Path(path).read_text().splitlines(), 1):
        line = line.split("#", 1)[0].split(";", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            sections.append((line[1:-1].strip(), {}))
        elif "=" in line and sections:
            key, value = line.split("=", 1)
            sections[-1][1][key.strip()] = value.strip()
        else:
            raise SystemExit(f"{path}:{number}: expected '[section]' or 'key=value', got {line!r}")
    return sections
