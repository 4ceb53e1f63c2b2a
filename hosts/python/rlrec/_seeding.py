"""Episode seeds of the env wrappers.

A sub-environment's first episode gets the seed passed to ``reset``; its later episodes (the
wrapper resets them itself when they end) get the SplitMix64 stream started at that seed, so a
seeded vector env replays the same episodes however often its sub-envs end, and two sub-envs
seeded s and s + 1 get unrelated streams.

>>> mix64(0)
16294208416658607535
>>> episode_seed(42, 0), episode_seed(7, 3) == mix64(7 + 3 * 0x9E3779B97F4A7C15)
(42, True)
"""

import os

_MASK = (1 << 64) - 1
_GAMMA = 0x9E3779B97F4A7C15


def mix64(x):
    """The SplitMix64 step: add the golden gamma, then xor-shift-multiply."""
    z = (x + _GAMMA) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


def fresh_seed():
    """An unpredictable 64-bit seed, for a reset without one (as Gymnasium's)."""
    return int.from_bytes(os.urandom(8), "little")


def episode_seed(base, episode):
    """The seed of the ``episode``-th episode (from 0) of a sub-env whose first episode had
    seed ``base``: ``base`` itself, then the SplitMix64 stream of state ``base``."""
    return base if episode == 0 else mix64((base + episode * _GAMMA) & _MASK)
