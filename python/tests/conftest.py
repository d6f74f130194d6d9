import os
from pathlib import Path

import pytest

import grounding

REPOSITORY = Path(__file__).resolve().parents[2]
MODEL_DIR = os.environ.get("GROUNDING_MODEL_DIR", str(Path.home() / ".cache/grounding/models/yolov4-tiny"))


def photo(name: str) -> str:
    return str(REPOSITORY / "TestImages" / name)


@pytest.fixture(scope="session")
def engine() -> grounding.Engine:
    """One engine on YOLOv4-tiny alone, as the Swift tests and the `ground` runs below use."""
    with grounding.Engine(models=[MODEL_DIR], threads=2) as engine:
        yield engine
