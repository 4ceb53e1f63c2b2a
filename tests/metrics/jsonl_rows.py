"""Reads a result.jsonl with Python's own json module, as an independent check of the jsonl logger.

Strict JSON: NaN and Infinity literals and duplicate keys are errors. Prints, per complete line,
"row <env_steps>" and then "<name as UTF-8 hex> <float.hex(value) | null>" per metric, in file order,
and "cut <bytes>" when the file ends in a line without its newline.
"""
import json
import sys


def reject_constant(name):
    raise ValueError(f"not JSON: {name}")


def pairs_without_duplicates(pairs):
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError(f"duplicate keys in {keys}")
    return pairs


def main(path):
    with open(path, "rb") as file:
        data = file.read()
    lines = data.split(b"\n")
    tail = lines.pop()  # what follows the last newline: empty, or a line cut short
    for number, line in enumerate(lines, 1):
        try:
            pairs = json.loads(line.decode("utf-8"), parse_constant=reject_constant,
                               object_pairs_hook=pairs_without_duplicates)
        except ValueError as error:
            sys.exit(f"{path}:{number}: {error}")
        if pairs[0][0] != "env_steps" or not isinstance(pairs[0][1], int):
            sys.exit(f"{path}:{number}: env_steps is not the first key, or not an integer")
        print("row", pairs[0][1])
        for name, value in pairs[1:]:
            print(name.encode("utf-8").hex(), "null" if value is None else float(value).hex())
    if tail:
        print("cut", len(tail))


if __name__ == "__main__":
    main(sys.argv[1])
