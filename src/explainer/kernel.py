"""The kernel the build's pre-execution starts (``python -m explainer.kernel -f CONNECTION_FILE``): ipykernel's
own, without its debugger.

ipykernel imports debugpy whenever it is installed, to offer JupyterLab's debugger; that import is about a quarter
of a kernel's start, paid once per notebook run. A notebook run to fill the execution cache is never debugged, so
the import is refused here (ipykernel then reports no debugger and runs as usual). JupyterLab and MyST-NB start
ipykernel's launcher, with the debugger.
"""

import sys

if __name__ == "__main__":
    sys.modules["debugpy"] = None  # type: ignore[assignment]  # an import of it now fails: "no debugger"
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()
