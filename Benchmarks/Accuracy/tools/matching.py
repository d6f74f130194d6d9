"""The accuracy stage's matching rule, for the Python tools beside it.

A prediction is the centre of its box; it matches a truth object `[x, y, radius]` when it lies
within the radius, or `[x, y, radius, ex, ey, ew, eh]` also when it lies inside that extent (the
box of the object's visible part). Pairs are made one to one, greedily, smallest distance /
radius first, as `Benchmarks/Sources/grounding-bench/AccuracyScore.swift` does; a prediction
left unmatched in one of a query's ignored regions is no false mark.
"""
import math


def centre(box):
    """The centre (x, y) of a box [x1, y1, x2, y2]."""
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def matches(point, obj):
    """Whether a predicted point lies within a truth object's radius or inside its extent."""
    if math.hypot(point[0] - obj[0], point[1] - obj[1]) <= obj[2]:
        return True
    if len(obj) == 7:
        left, top, width, height = obj[3:]
        return left <= point[0] < left + width and top <= point[1] < top + height
    return False


def pair(points, truth):
    """(indices of matched points, indices of matched truth objects), paired one to one."""
    pairs = sorted((math.hypot(px - obj[0], py - obj[1]) / obj[2], i, j)
                   for i, (px, py) in enumerate(points) for j, obj in enumerate(truth)
                   if matches((px, py), obj))
    used_points, used_truth = set(), set()
    for _, i, j in pairs:
        if i not in used_points and j not in used_truth:
            used_points.add(i)
            used_truth.add(j)
    return used_points, used_truth


def false_marks(points, matched, ignore):
    """How many of `points` are false marks: not in `matched` (indices) and outside every ignored
    region `[x, y, width, height]` of the query."""
    return sum(1 for i, (x, y) in enumerate(points) if i not in matched and not any(
        left <= x <= left + width and top <= y <= top + height for left, top, width, height in ignore))
