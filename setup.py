"""One distribution, no dependencies: the tracer (minitrace) and its ABI data (syscalls)."""
from setuptools import find_packages, setup

setup(
    name="minitrace",
    version="0.1.0",
    description="strace in pure Python (ctypes and the standard library)",
    packages=find_packages(include=["minitrace", "minitrace.*", "syscalls"]),
    python_requires=">=3.6",
    install_requires=[],
    entry_points={"console_scripts": ["minitrace = minitrace.cli:main"]},
)
