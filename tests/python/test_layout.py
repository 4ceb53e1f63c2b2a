"""Every ctypes struct of the package has the size, member order, offsets and member sizes the
C compiler gives the header's struct (printed by abi_layout.c, built by CMake)."""

import ctypes
import json
import subprocess
import unittest

from rlrec import _abi

from support import required_path


class LayoutTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        program = required_path("RLREC_LAYOUT_PROGRAM")
        cls.c_layout = json.loads(subprocess.run([program], check=True, capture_output=True,
                                                 text=True).stdout)

    def test_the_same_structs_on_both_sides(self):
        self.assertEqual(sorted(self.c_layout), sorted(_abi.STRUCTS))

    def test_sizes_offsets_and_member_sizes(self):
        for name, c_struct in self.c_layout.items():
            py_struct = _abi.STRUCTS[name]
            with self.subTest(struct=name):
                self.assertEqual(ctypes.sizeof(py_struct), c_struct["size"])
                py_members = [(field[0], getattr(py_struct, field[0]).offset,
                               getattr(py_struct, field[0]).size) for field in py_struct._fields_]
                self.assertEqual(py_members, [tuple(member) for member in c_struct["members"]])

    def test_the_abi_version_matches_the_engine(self):
        # The package loads any engine of its major, but built from this tree the two mirror the
        # same headers: a minor bump in version.h must be mirrored in _abi.py with its fields.
        import rlrec
        self.assertEqual(rlrec.abi_version(), _abi.version_parts(_abi.ABI_VERSION))


if __name__ == "__main__":
    unittest.main()
