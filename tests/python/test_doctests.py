"""Runs the doctests of every module of the package, and of docs/python.md."""

import doctest
import importlib
import os
import pkgutil

import rlrec

from support import SOURCE_DIR

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def load_tests(loader, tests, pattern):
    tests.addTests(doctest.DocTestSuite(rlrec, optionflags=FLAGS))
    for module in pkgutil.iter_modules(rlrec.__path__):
        tests.addTests(doctest.DocTestSuite(importlib.import_module("rlrec." + module.name),
                                            optionflags=FLAGS))
    guide = os.path.join(SOURCE_DIR, "docs", "python.md")
    tests.addTests(doctest.DocFileSuite(guide, module_relative=False, optionflags=FLAGS))
    return tests
