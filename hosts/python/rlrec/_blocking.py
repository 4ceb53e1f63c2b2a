"""Long engine calls that Ctrl-C stops cleanly.

Python runs signal handlers only in the main thread and only between bytecodes, so a SIGINT
that arrives while the main thread is inside a foreign call would wait for the call to end. So a
long call made from the main thread runs on a helper thread while the main thread waits; Ctrl-C
raises KeyboardInterrupt in the waiting main thread, which asks the engine to stop
(``rlrec_engine_interrupt``, thread-safe) and keeps waiting until the engine has stopped at a step
boundary (``train`` writes a final checkpoint first). Calls from other threads run directly: only
the main thread receives signals.

>>> call_interruptibly(lambda: 7, interrupt=lambda: None)
(7, False)
"""

import threading


def call_interruptibly(call, interrupt):
    """Runs ``call()``; on Ctrl-C calls ``interrupt()`` and waits for ``call`` to return.

    Returns (call's result, whether Ctrl-C was pressed).
    """
    if threading.current_thread() is not threading.main_thread():
        return call(), False
    outcome = {}
    finished = threading.Event()

    def run():
        try:
            outcome["value"] = call()
        except BaseException as error:  # noqa: BLE001 - handed to the waiting thread
            outcome["error"] = error
        finished.set()

    # An Event, not Thread.join: a KeyboardInterrupt inside join can leave the thread looking
    # finished while it still runs.
    threading.Thread(target=run, name="rlrec-call", daemon=True).start()
    interrupted = False
    while not finished.is_set():
        try:
            finished.wait(0.25)
        except KeyboardInterrupt:
            interrupted = True
            interrupt()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"], interrupted
