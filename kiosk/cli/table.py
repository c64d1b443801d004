"""The command table: every `hiremate` command's name, one-line help and options it shares, without importing it."""

from __future__ import annotations

from collections.abc import Iterator

from i18n import N_

__all__ = ["COMMANDS", "Command", "leaves"]

COMMANDS_PACKAGE = "kiosk.cli.commands"


class Command:
    """A command (a leaf, run by its module) or a group of subcommands.

    A leaf's module is derived from its path: `receiver token create` lives in
    kiosk/cli/commands/receiver/token/create.py and defines add_arguments(parser) and run(args).
    (A plain class, not a dataclass: dataclasses imports inspect, which would double `hiremate --help`.)
    """

    __slots__ = ("children", "data_dir", "help", "json", "path")

    def __init__(self, path: tuple[str, ...], help: str, children: tuple[Command, ...] = (), *,
                 json: bool = True, data_dir: bool = True) -> None:
        self.path = path
        self.help = help
        self.children = children
        self.json = json  # the leaf prints machine-readable output with --json
        self.data_dir = data_dir  # the leaf reads or writes the station data directory (--data-dir)

    def __repr__(self) -> str:
        return f"Command({self.spelled!r})"

    @property
    def name(self) -> str:
        """The last word of the path (`create` for `receiver token create`); '' for the root."""
        return self.path[-1] if self.path else ""

    @property
    def spelled(self) -> str:
        """The command as typed: `hiremate receiver token create`."""
        return " ".join(("hiremate", *self.path))

    @property
    def is_group(self) -> bool:
        """True for a group of subcommands (the root, `codes`, `sync`, `receiver`, `receiver token`)."""
        return bool(self.children)

    @property
    def module(self) -> str:
        """The dotted path of a leaf's module."""
        return ".".join((COMMANDS_PACKAGE, *(word.replace("-", "_") for word in self.path)))

    def child(self, name: str) -> Command | None:
        """The subcommand called name, if this group has one."""
        return next((c for c in self.children if c.name == name), None)


def _leaf(path: str, line: str, *, json: bool = True, data_dir: bool = True) -> Command:
    return Command(tuple(path.split()), line, json=json, data_dir=data_dir)


def _group(path: str, line: str, *children: Command) -> Command:
    return Command(tuple(path.split()), line, children=children)


COMMANDS = _group("", N_("HireMate Station: offline behavioural assessment with an append-only, hash-chained log."),
    _leaf("init", N_("create the station data directory, database and key pair")),
    _leaf("run", N_("open the station for candidates and proctors"), json=False),
    _leaf("play", N_("play one game in a window, recording into a practice session")),
    _leaf("simulate", N_("scripted candidate through a battery, headless; prints the session id")),
    _group("codes", N_("issue and list one-time access codes"),
        _leaf("codes issue", N_("issue N fresh codes and write a printable list (and a PDF)")),
        _leaf("codes list", N_("list codes with their state (unused, used, expired)")),
    ),
    _leaf("sessions", N_("list sessions with their status")),
    _leaf("verify-log", N_("verify every session's hash chain and the database integrity")),
    _leaf("timing-check", N_("measure this station's timing (frames, timers, input latency) against its limits"),
          data_dir=False),
    _leaf("score", N_("score a session: metrics, traits with poles and bands, quality flags")),
    _leaf("report", N_("recruiter report of a session, or a comparison of 2-4, as HTML or PDF"), json=False),
    _group("norms", N_("norm tables: how a group of people scored, to place one person among them"),
        _leaf("norms build", N_("build a versioned norm table (TOML) from scored sessions")),
        _leaf("norms check", N_("whether the sessions a norm table used are still held, or were erased since")),
    ),
    _group("role", N_("role profiles: target bands per trait"),
        _leaf("role derive", N_("derive a role's target bands from incumbents' sessions (at least 50)")),
    ),
    _leaf("export", N_("write signed session bundles to a folder")),
    _group("data", N_("researcher data: trial tables, session summaries and a codebook"),
        _leaf("data export", N_("write analysis-ready tables (CSV, TSV, JSON Lines or BIDS)")),
    ),
    _leaf("verify", N_("verify signed session bundles; exits non-zero on any failure"), data_dir=False),
    _group("sync", N_("upload completed sessions to the receiver; the outbox and its settings"),
        _leaf("sync run", N_("upload every pending bundle once, with a progress bar")),
        _leaf("sync status", N_("show the saved endpoint, the trusted certificate and the outbox")),
        _leaf("sync set-endpoint", N_("save the receiver URL the station uploads to ('' turns sync off)")),
        _leaf("sync set-ca", N_("save the receiver certificate to trust for https:// ('' uses the system store)")),
        _leaf("sync set-recipient", N_("save the receiver's age recipient bundles are encrypted for ('' clears it)")),
    ),
    _group("receiver", N_("the reference receiver: serve it, enrol stations, read tokens, a TLS certificate"),
        _leaf("receiver serve", N_("run the receiving endpoint (HTTPS with --tls-cert and --tls-key)"), json=False),
        _leaf("receiver enroll", N_("trust a station's public key")),
        _leaf("receiver stations", N_("list the enrolled station keys")),
        _leaf("receiver erase", N_("erase a session or a participant at the receiver; print the signed receipt")),
        _leaf("receiver erasures", N_("the append-only record of erasures carried out at the receiver")),
        _group("receiver token", N_("read tokens for the receiver's GET API"),
            _leaf("receiver token create", N_("create a read token (shown once)")),
            _leaf("receiver token list", N_("list read tokens")),
            _leaf("receiver token revoke", N_("revoke a read token by its ID")),
        ),
        _leaf("receiver make-cert", N_("write a self-signed receiver certificate and key")),
        _leaf("receiver export", N_("researcher tables of every stored session, all stations merged")),
        _group("receiver norms", N_("norm tables from the sessions the receiver holds"),
            _leaf("receiver norms build", N_("build a versioned norm table (TOML) from stored sessions")),
            _leaf("receiver norms check", N_("whether the sessions a norm table used are still held by the receiver")),
        ),
        _group("receiver groups", N_("optional, consented group labels for the adverse-impact audit (kept apart)"),
            _leaf("receiver groups import", N_("import consented group labels from a CSV file")),
            _leaf("receiver groups list", N_("count the stored labels per attribute and group")),
        ),
        _leaf("receiver audit",
            N_("adverse-impact audit of a role: selection rates, four-fifths ratio, Fisher's test")),
        _leaf("receiver access-log", N_("who read which session, report, event stream or export, and when")),
        _group("receiver retention", N_("how long the receiver keeps sessions, what it holds, the purge"),
            _leaf("receiver retention status", N_("what the receiver holds, how old, when it expires")),
            _leaf("receiver retention set", N_("how long sessions are kept after they closed (default: until erased)")),
            _leaf("receiver retention purge", N_("remove the sessions past their retention now (serve does it daily)")),
        ),
    ),
    _group("privacy",
        N_("data protection: retention, the purge, erasure and withdrawal, tombstones, the access record"),
        _leaf("privacy status", N_("what personal and session data the station holds, how old, when it expires")),
        _leaf("privacy set-retention", N_("how long personal data and sessions are kept")),
        _leaf("privacy purge", N_("remove expired personal data now (it also runs whenever the station starts)")),
        _leaf("privacy erase", N_("erase a participant or sessions under signed tombstones, in one transaction")),
        _leaf("privacy withdraw", N_("a participant withdrew consent: erase everything of theirs")),
        _leaf("privacy tombstones", N_("list the signed tombstones of erased sessions")),
        _leaf("privacy receipts", N_("each erasure's request to the receiver and the receiver's signed receipt")),
        _leaf("privacy receiver-key", N_("show, pin or forget the receiver key whose erasure receipts are taken")),
        _leaf("privacy audit", N_("the append-only record of purges, erasures and who read which candidate's data")),
    ),
    _group("station", N_("the station's identity: its key pair and the history of its keys"),
        _leaf("station show", N_("show the station's identity, public key fingerprint and earlier keys")),
        _leaf("station new-identity", N_("make a new station key pair on purpose (recorded with a reason)")),
    ),
)


def leaves(node: Command = COMMANDS) -> Iterator[Command]:
    """Every runnable command under node, depth first, in table order."""
    for child in node.children:
        if child.is_group:
            yield from leaves(child)
        else:
            yield child
