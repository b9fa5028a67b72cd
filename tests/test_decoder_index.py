"""minitrace/decode/index.py (which family module registers each syscall's decoder, so that
decode.lookup imports only that module) is what tools/gen_decoder_index.py makes now, and each
module, imported alone, registers every name the index gives it."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_index_is_current():
    p = subprocess.Popen([sys.executable, os.path.join(ROOT, "tools", "gen_decoder_index.py"),
                          "--check"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         universal_newlines=True)
    out = p.communicate(timeout=300)[0]
    assert p.returncode == 0, out


def test_lookup_loads_only_the_family_of_the_call():
    code = ("import sys; sys.path.insert(0, %r); import minitrace.decode as d; "
            "d.lookup('openat'); d.lookup('getpid'); "
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('minitrace.decode.') "
            "and m.count('.') == 2)))" % ROOT)
    loaded = subprocess.check_output([sys.executable, "-c", code],
                                     universal_newlines=True).split()
    assert "minitrace.decode.file" in loaded
    assert "minitrace.decode.ioctl" not in loaded and "minitrace.decode.bpf" not in loaded, loaded


def test_ioctl_loads_only_the_families_of_the_command_type():
    code = ("import sys; sys.path.insert(0, %r); from minitrace.decode import ioctl; "
            "fams = ioctl.families('x86_64', 0x54); ppc = ioctl.families('ppc64le', 0x66); "
            "print(len(fams), len(ppc), ' '.join(sorted(m for m in sys.modules "
            "if m.startswith('minitrace.decode.ioctl.'))))" % ROOT)
    out = subprocess.check_output([sys.executable, "-c", code], universal_newlines=True).split()
    assert out[:2] == ["1", "2"], out            # ppc64le: 'f' is FS_F's, then the terminal's
    loaded = out[2:]
    assert "minitrace.decode.ioctl.terminal" in loaded and "minitrace.decode.ioctl.fs" in loaded
    assert not [m for m in loaded if m.split(".")[3] in ("v4l2", "kvm", "sock", "btrfs", "scsi")], loaded
