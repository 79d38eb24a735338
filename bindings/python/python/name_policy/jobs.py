"""The command line the re-vetting jobs share (`examples/spark_revet.py`,
`examples/polars_revet.py`): which policy, and which names it protects."""

import argparse
import sys

from . import Policy, PolicyError, read_names


def add_policy_arguments(parser: argparse.ArgumentParser) -> None:
    """Adds `--policy FILE` and `--protect FILE` (repeatable) to `parser`."""
    parser.add_argument("--policy", help="a TOML policy file (default: the marketplace preset)")
    parser.add_argument(
        "--protect",
        action="append",
        default=[],
        metavar="FILE",
        help="protect the names in FILE, one a line, most popular first (repeatable)",
    )


def policy_from_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Policy:
    """The policy `args` name; exits with `parser`'s name and the error when a file cannot
    be read or the policy is not valid."""
    try:
        policy = Policy.from_file(args.policy) if args.policy else Policy.marketplace()
        protected = [name for path in args.protect for name in read_names(path)]
        return policy.with_protected(protected) if protected else policy
    except (PolicyError, OSError) as e:
        sys.exit("%s: %s" % (parser.prog, e))
