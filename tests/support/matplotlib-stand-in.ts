/**
 * A stand-in for matplotlib, for tests only. Real matplotlib cannot be downloaded on the test
 * machines, so this small package offers exactly the API the playground's figure hook uses:
 * `matplotlib.pyplot` with `figure`, `get_fignums`, `close` and `show`, and a Figure whose
 * `savefig(file, format="png", bbox_inches=...)` writes a real PNG. Like matplotlib, it reads
 * its backend from MPLBACKEND, and its own `show` says it cannot show anything with Agg, so a
 * test can tell that the playground's `show` replaced it.
 */
import { buildWheel, type WheelSpec } from './wheel';

/** A 2×2 PNG, as the stand-in's every figure draws. */
export const FIGURE_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGOwjr4NRAwQCgAl6gXFeHrwyQAAAABJRU5ErkJggg==';

const INIT = `"""A stand-in for matplotlib, for the playground's tests."""
import os

__version__ = "0.0.0-stand-in"


def get_backend():
    return os.environ.get("MPLBACKEND", "webagg")
`;

const FIGURE = `import base64

PNG = base64.b64decode("${FIGURE_PNG_BASE64}")


class Figure:
    def __init__(self, number):
        self.number = number
        self.lines = []

    def savefig(self, file, format=None, bbox_inches=None):
        if format != "png":
            raise ValueError("the stand-in only draws PNG")
        file.write(PNG)

    def __repr__(self):
        return f"<Figure {self.number} with {len(self.lines)} lines>"
`;

const PYPLOT = `from matplotlib.figure import Figure

_figures = {}
_current = None


def figure(num=None):
    global _current
    if num is None:
        num = max(_figures, default=0) + 1
    if num not in _figures:
        _figures[num] = Figure(num)
    _current = _figures[num]
    return _current


def plot(*values):
    target = _current if _current is not None and _current.number in _figures else figure()
    target.lines.append(values)
    return [values]


def get_fignums():
    return sorted(_figures)


def close(fig=None):
    global _current
    if fig is None:
        fig = _current
    if fig is not None:
        _figures.pop(fig.number, None)
    if _current is fig:
        _current = None


def show(*args, **kwargs):
    print("stand-in show: the Agg backend cannot show figures")
`;

export const MATPLOTLIB_STAND_IN: WheelSpec = {
  name: 'matplotlib',
  version: '0.0.0',
  files: {
    'matplotlib/__init__.py': INIT,
    'matplotlib/figure.py': FIGURE,
    'matplotlib/pyplot.py': PYPLOT,
  },
};

/** The stand-in as a wheel, for installPackage by URL. */
export function buildMatplotlibStandIn(): Uint8Array {
  return buildWheel(MATPLOTLIB_STAND_IN);
}
