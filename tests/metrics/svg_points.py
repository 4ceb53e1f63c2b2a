"""Parses an SVG written by `rlrec plot` with Python's XML parser (which refuses anything not
well-formed) and prints what the plot test compares with the data:

  frame X Y WIDTH HEIGHT X_LO X_HI Y_LO Y_HI     the plot area and the data range it maps
  curve CLASS RUN_HEX PX,PY PX,PY ...            each polyline (raw or smoothed), run label as UTF-8 hex
  xtick LABEL / ytick LABEL                      tick labels, in drawing order
  legend RUN_HEX                                 legend entries
"""
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def hexed(text):
    return text.encode("utf-8").hex()


def main(path):
    root = ET.parse(path).getroot()
    if root.tag != SVG + "svg":
        sys.exit(f"{path}: the root element is {root.tag}, not svg")
    frame = root.find(f"{SVG}rect[@class='frame']")
    x_lo, x_hi = frame.get("data-x-domain").split()
    y_lo, y_hi = frame.get("data-y-domain").split()
    print("frame", frame.get("x"), frame.get("y"), frame.get("width"), frame.get("height"), x_lo, x_hi, y_lo, y_hi)
    for line in root.iter(SVG + "polyline"):
        print("curve", line.get("class"), hexed(line.get("data-run")), line.get("points"))
    for text in root.find(f"{SVG}g[@class='ticks']").iter(SVG + "text"):
        print("xtick" if text.get("text-anchor") == "middle" else "ytick", text.text)
    for text in root.find(f"{SVG}g[@class='legend']").iter(SVG + "text"):
        print("legend", hexed(text.text))


if __name__ == "__main__":
    main(sys.argv[1])
