"""The options of every command that reads measurements: what, for whom, over which period."""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # not typing's: importing typing slows the command line
if TYPE_CHECKING:
    from sociaaldomein.core.accountability import Accountability

__all__ = ["account", "add_accounting_options"]


def add_accounting_options(sub: argparse.ArgumentParser, *, subject: bool = True) -> None:
    """``--set`` or ``--set-file`` (together a usage error, exit 2); with ``subject``:
    ``--period``, ``--subject``, ``--reference``, ``--sheet``."""
    from sociaaldomein.text.language import _

    chosen = sub.add_mutually_exclusive_group()
    chosen.add_argument(
        "--set", dest="set_id", metavar="SET_ID", help=_("een geïnstalleerde indicatorset")
    )
    chosen.add_argument(
        "--set-file",
        metavar="SET.toml",
        help=_("een set in een TOML-bestand (die een geïnstalleerde set mag uitbreiden)"),
    )
    if not subject:
        return
    sub.add_argument(
        "--period",
        metavar="PERIOD",
        help=_(
            "verantwoordingsperiode, zoals 2016, 2016-H1 of 2023-Q3 (standaard: de laatst gemeten)"
        ),
    )
    sub.add_argument(
        "--subject", metavar="NAME", help=_("voor wie verantwoord wordt (een gemeente)")
    )
    sub.add_argument(
        "--reference",
        dest="references",
        metavar="NAME",
        action="append",
        default=[],
        help=_(
            "een gemeente of gebied ter vergelijking, nooit beoordeeld, zoals Nederland (mag vaker)"
        ),
    )
    sub.add_argument(
        "--sheet", metavar="NAME", help=_("het werkblad van .xlsx-metingen om te lezen")
    )


def account(
    args: argparse.Namespace, *, regions: str | None = None, taxonomy: str | None = None
) -> Accountability:
    """The accountability run the arguments describe."""
    from sociaaldomein.app.inputs import sort_inputs
    from sociaaldomein.app.run import account_for
    from sociaaldomein.cli.output import Invalid, Usage, load_plugins
    from sociaaldomein.io.atomic import protect_inputs
    from sociaaldomein.text.language import _

    inputs = sort_inputs(args.paths)
    # The files a folder contributed are inputs too: no output may replace them.
    protect_inputs([p for p in (inputs.plan, inputs.set_file, *inputs.measurements) if p])
    if inputs.set_file is not None and (args.set_file or args.set_id):
        given = f"--set-file {args.set_file}" if args.set_file else f"--set {args.set_id}"
        raise Usage(
            _("geef één set: {file} of {given}, niet beide").format(
                file=inputs.set_file, given=given
            )
        )
    set_file = args.set_file or inputs.set_file
    if inputs.plan is None and args.set_id is None and set_file is None:
        raise Invalid(_("noem een plan (een map met plan.toml, of PLAN.toml) of een set (--set)"))
    if inputs.plan is not None and (args.set_id or set_file):
        raise Invalid(_("geef een plan ({plan}) of een set, niet beide").format(plan=inputs.plan))
    if not inputs.measurements:
        raise Invalid(_("geen metingen: geef een bestand met metingen of een map met zo'n bestand"))
    return account_for(
        set_id=args.set_id,
        set_file=set_file,
        plan=inputs.plan,
        measurements=inputs.measurements,
        period=args.period,
        subject=args.subject,
        references=args.references,
        regions=regions,
        taxonomy=taxonomy,
        sheet=args.sheet,
        plugins=load_plugins(),
    )
