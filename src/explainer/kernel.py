"""The kernels the build's pre-execution starts: ipykernel's own, without its debugger, forked from a process that
has already imported what every kernel imports.

A chapter's kernel spends most of its life importing: ipykernel, IPython, debugpy, then the chapter's plumbing
(pydantic models, the chapter registry, the charts and plotly's figure classes). The build runs six kernels per
compound, so before it runs them it starts one *zygote* (``python -m explainer.kernel --zygote SOCKET``) that
imports those modules once and waits; each kernel is then a ``fork()`` of it, a fresh process that has run no
notebook code, started by a tiny launcher
(``python -m explainer.kernel --via SOCKET -f CONNECTION_FILE``) that jupyter_client starts, stops and signals
as it would the kernel: it forwards an interrupt or a stop to the forked kernel, the zygote kills the kernel when
the launcher dies (jupyter_client's immediate stop kills it), and it exits with the kernel's status.

Only modules that do not look at their surroundings when imported are preloaded: plotly.io picks its renderer,
and ipywidgets registers its comm target, on import inside a running kernel, so those are left to the notebook
(``explainer.display`` imports plotly.io when it first draws a figure; the widgets import ipywidgets).
debugpy is refused (an import of it fails, so ipykernel reports no debugger): a notebook run to fill the
execution cache is never debugged. JupyterLab and MyST-NB start ipykernel's own launcher, with the debugger.
"""

import json
import os
import signal
import socket
import sys

# Imported by the chapters' kernels, and indifferent to whether a kernel is running when imported.
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "explainer.chapter", "explainer.charts",
           "explainer.render", "explainer.chapters.registry", "plotly.graph_objects")
PLOTLY_CLASSES = ("Figure", "Bar", "Scatter")  # plotly.graph_objects imports each on first use: the charts' own
# Never preloaded: what they do on import depends on the running kernel.
AWARE = ("plotly.io", "ipywidgets", "anywidget")


def _kernel(request: dict) -> None:
    """In the forked child: become the kernel the launcher asked for."""
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    # ipykernel reads its parent's pid from the environment when imported, here before the launcher's was set:
    # its parent, the zygote, given here as the launcher gives a kernel of its own (it ends when its parent does).
    sys.argv = [*request["argv"], f"--IPKernelApp.parent_handle={os.getppid()}"]
    os.setsid()  # as jupyter_client starts a kernel: its own session, out of reach of the terminal's Ctrl-C
    code = 0
    try:
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
    except BaseException:
        code = 1
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def serve(path: str) -> None:
    """The zygote: preload, then fork a kernel for each launcher that connects; tell it how its kernel ended.
    It listens before it preloads: a launcher that comes early waits in the queue."""
    import importlib
    import selectors

    server = socket.socket(socket.AF_UNIX)
    server.bind(path)
    server.listen(64)
    sys.modules["debugpy"] = None  # type: ignore[assignment]
    for name in PRELOAD:
        importlib.import_module(name)
    for name in PLOTLY_CLASSES:
        getattr(sys.modules["plotly.graph_objects"], name)
    loaded = [m for m in AWARE if m in sys.modules]
    if loaded:
        raise RuntimeError(f"the zygote must not import {loaded}: they look for a running kernel on import")
    signal.signal(signal.SIGTERM, lambda _n, _f: sys.exit(0))
    parent = os.getppid()
    select = selectors.DefaultSelector()
    select.register(server, selectors.EVENT_READ)
    kernels: dict[int, socket.socket] = {}  # pid -> its launcher's connection
    try:
        while os.getppid() == parent:  # the build that started it is gone: so is the zygote
            for key, _ in select.select(timeout=0.2):
                if key.fileobj is server:
                    conn, _ = server.accept()
                    with conn.makefile("rb") as lines:
                        request = json.loads(lines.readline())
                    pid = os.fork()
                    if pid == 0:
                        select.close()
                        server.close()
                        for other in (conn, *kernels.values()):
                            other.close()
                        _kernel(request)
                    kernels[pid] = conn
                    select.register(conn, selectors.EVENT_READ, pid)
                    continue
                message = key.fileobj.recv(1)  # a signal to forward, one byte; nothing: the launcher died
                if not message:
                    select.unregister(key.fileobj)
                _signal(key.data, message[0] if message else signal.SIGKILL)
            while kernels:
                pid, status = os.waitpid(-1, os.WNOHANG)
                if pid == 0:
                    break
                conn = kernels.pop(pid)
                if conn in (k.fileobj for k in select.get_map().values()):
                    select.unregister(conn)
                    try:
                        conn.sendall(str(os.waitstatus_to_exitcode(status)).encode())
                    except OSError:
                        pass  # the launcher has just died
                conn.close()
    finally:
        for pid in kernels:
            _signal(pid, signal.SIGKILL)


def _signal(pid: int, number: int) -> None:
    try:
        os.kill(pid, number)
    except ProcessLookupError:
        pass  # it has just ended


def launch(path: str, argv: list[str]) -> int:
    """The launcher: ask the zygote for a kernel with these arguments; forward signals; return its status."""
    conn = socket.socket(socket.AF_UNIX)
    conn.connect(path)
    request = {"argv": [sys.argv[0], *argv], "cwd": os.getcwd(), "env": dict(os.environ)}
    conn.sendall(json.dumps(request).encode() + b"\n")
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda n, _frame: conn.sendall(bytes([n])))
    status = conn.recv(16)
    return int(status) if status else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--zygote"]:
        serve(sys.argv[2])
    elif sys.argv[1:2] == ["--via"]:
        sys.exit(launch(sys.argv[2], sys.argv[3:]))
    else:  # a kernel of its own: ipykernel without debugpy
        sys.modules["debugpy"] = None  # type: ignore[assignment]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
