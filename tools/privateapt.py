"""apt-get and apt-cache with a configuration of their own under a folder: their own sources
folder, lists, state and archives, so that the machine's apt configuration is not touched. For
the tools that need a Debian source the machine's apt sources lack: the deb-src entry of strace's
suite (tools/strace_suite.py), the contrib component of OpenZFS's headers
(tools/fetch_headers.py)."""
import os

KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"


def options(folder):
    """(apt-get options for a configuration of its own under FOLDER, the sources folder the
    caller writes its one source into)."""
    parts, state, cache = (os.path.join(folder, d) for d in ("sources.list.d", "state", "cache"))
    for d in (parts, os.path.join(state, "lists", "partial"),
              os.path.join(cache, "archives", "partial")):
        if not os.path.isdir(d):
            os.makedirs(d)
    status = os.path.join(state, "status")
    if not os.path.exists(status):
        open(status, "w").close()
    opts = []
    for key, value in (("Dir::Etc::SourceList", "/dev/null"), ("Dir::Etc::SourceParts", parts),
                       ("Dir::State", state), ("Dir::State::Lists", os.path.join(state, "lists")),
                       ("Dir::State::status", status), ("Dir::Cache", cache),
                       ("Dir::Cache::Archives", os.path.join(cache, "archives")),
                       # the _apt sandbox user may not be able to write the cache folder
                       ("APT::Sandbox::User", "root"), ("Acquire::Languages", "none")):
        opts += ["-o", "%s=%s" % (key, value)]
    return opts, parts


def write_source(parts, line, name="source.list"):
    """Write the one source of the configuration (a sources.list line) into its sources folder."""
    with open(os.path.join(parts, name), "w") as f:
        f.write(line.rstrip("\n") + "\n")
