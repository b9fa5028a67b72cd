"""The environment a started program gets: the tracer's own, with -E changes applied."""
import os


def build_env(changes):
    """The command's environment after -E changes; None when there are none."""
    if not changes:
        return None
    env = dict(os.environ)
    for change in changes:
        name, eq, value = change.partition("=")
        if eq:
            env[name] = value
        else:
            env.pop(name, None)
    return env
