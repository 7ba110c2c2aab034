"""Danmarks Statistik's Statistikbank API: fetch middellevetid by region, keep the raw answer, load it.

The API (documented at https://www.dst.dk/da/Statistik/brug-statistikken/muligheder-i-statistikbanken/api):

* ``POST https://api.statbank.dk/v1/data`` with a JSON body naming the table, the answer format and
  a selection per variable: ``{"table": "HISBR", "format": "CSV", "lang": "da",
  "valuePresentation": "Code", "variables": [{"code": "OMRÅDE", "values": ["000", "081"]}, ...]}``.
  ``"*"`` selects every value of a variable.
* The CSV answer is UTF-8 with a byte-order mark, ``;``-separated, CRLF line ends. Its header is the
  table's variable codes in capitals followed by ``INDHOLD`` (the value): ``OMRÅDE;KØN;TID;INDHOLD``.
  With ``lang=da`` numbers have a decimal comma (``81,32``); ``..`` marks a value DST does not publish.
  ``valuePresentation`` decides how a variable's value is written: ``Code`` (``081``), ``Value``
  (``Region Nordjylland``) or ``CodeAndValue`` (``081 Region Nordjylland``).
* A refused query is answered with HTTP 400 and a JSON body
  ``{"errorTypeCode": "EXTRACT-NOTFOUND", "message": "..."}`` (the message is in Danish for lang=da).

The answer is saved byte for byte under ``data/raw/statbank/`` and loaded through the ordinary
loader (``loaders.store.load_files``), so its SHA-256 lands in ``raw.load_log`` and fetching an
unchanged answer again loads nothing new.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from loaders.errors import CellError, LoadRefused
from loaders.records import SourceRow, validate_rows
from loaders.source import Source
from loaders.tabular import read_table
from noegletal import catalog
from noegletal.config import RAW_DATA_DIR

DEFAULT_BASE_URL = "https://api.statbank.dk/v1"
DEFAULT_OUT_DIR = RAW_DATA_DIR / "statbank"
# Read when a client is made (not bound as argument defaults), so tests can shorten them.
DEFAULT_TIMEOUT = 30.0  # seconds per connect / per read
DEFAULT_RETRIES = 2  # extra attempts after the first: 3 attempts in all
DEFAULT_BACKOFF = 1.0  # seconds before the first retry; doubled before each further one

INDICATOR_ID = "middellevetid"
SOURCE_NAME = "statbank_middellevetid"
FILE_PATTERN = "middellevetid_*.csv"
_FETCHED_AT = re.compile(r"_(\d{8}T\d{6})(?:-\d+)?\.csv$", re.IGNORECASE)
# Life tables are computed over several years; DST writes the period as "2021:2022" (HISB8, two
# years) or "2021:2025" (HISBK, five years). We date such a value by its last year: 2021:2022 -> 2022.
_PERIOD_RANGE = re.compile(r"^(\d{4})\s*:\s*(\d{4})$")
SUPPRESSED = ".."


@dataclass(frozen=True)
class StatbankQuery:
    """What to ask the Statistikbank for: table, variables and the values selected for each.

    Defaults: table HISBR, "Middellevetid for 0-årige efter område, køn og tid" (unit: år), with
    OMRÅDE = 000 (Hele landet) and 081-085 (the regions), KØN = TOT (i alt) and every period.
    Table id, variable codes and value codes are taken from published descriptions of the table
    (not from a live `tableinfo` call); should DST rename them, change them here and only here.
    """

    table: str = "HISBR"
    region_variable: str = "OMRÅDE"
    region_values: tuple[str, ...] = field(
        default_factory=lambda: tuple(sorted(r.dst_code for r in catalog.regions().values()))
    )
    fixed: tuple[tuple[str, tuple[str, ...]], ...] = (("KØN", ("TOT",)),)
    time_variable: str = "Tid"
    time_values: tuple[str, ...] = ("*",)
    lang: str = "da"
    value_presentation: str = "Code"

    def body(self) -> dict:
        """The JSON body of the POST to /data."""
        variables = [{"code": self.region_variable, "values": list(self.region_values)}]
        variables += [{"code": code, "values": list(values)} for code, values in self.fixed]
        variables.append({"code": self.time_variable, "values": list(self.time_values)})
        return {
            "table": self.table,
            "format": "CSV",
            "lang": self.lang,
            "valuePresentation": self.value_presentation,
            "variables": variables,
        }


MIDDELLEVETID = StatbankQuery()


class StatbankError(Exception):
    """The Statistikbank answered, but refused the query (an HTTP 4xx error answer)."""

    def __init__(self, message: str, error_type: str | None = None, status: int | None = None):
        self.message, self.error_type, self.status = message, error_type, status
        detail = ", ".join(x for x in (error_type, f"HTTP {status}" if status else None) if x)
        super().__init__(
            f"Danmarks Statistiks Statistikbank afviste forespørgslen ({detail}): {message}"
            if detail else f"Danmarks Statistiks Statistikbank afviste forespørgslen: {message}"
        )


class SourceUnavailable(Exception):
    """The Statistikbank did not answer usefully (no connection, timeout or 5xx) on any attempt."""

    def __init__(self, attempts: int, reason: str):
        self.attempts, self.reason = attempts, reason
        times = "gang" if attempts == 1 else "gange"
        super().__init__(f"Danmarks Statistiks Statistikbank svarer ikke (forsøgt {attempts} {times}): {reason}")


class StatbankClient:
    """A small client for the Statistikbank's /data function.

    Connection errors, timeouts and 5xx answers are retried `retries` times after the first attempt,
    waiting `backoff`, 2*`backoff`, 4*`backoff`, ... seconds in between; a 4xx answer is the API's
    verdict on the query and is raised at once as StatbankError.
    """

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float | None = None,
        retries: int | None = None,
        backoff: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base_url = base_url.rstrip("/")
        self.timeout = DEFAULT_TIMEOUT if timeout is None else timeout
        self.retries = DEFAULT_RETRIES if retries is None else retries
        self.backoff = DEFAULT_BACKOFF if backoff is None else backoff
        self.sleep = sleep

    def fetch_csv(self, query: dict) -> bytes:
        """The body of the API's answer to `query` (a /data request body), exactly as sent."""
        import requests  # imported here so that merely loading files does not pay for it

        url = f"{self.base_url}/data"
        attempts = self.retries + 1
        reason = ""
        for attempt in range(1, attempts + 1):
            try:
                response = requests.post(
                    url, json=query, timeout=self.timeout, headers={"Accept": "text/csv, application/json"}
                )
            except requests.Timeout:
                reason = f"intet svar fra {url} inden for {_da_number(self.timeout)} sekunder"
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as e:
                reason = f"ingen forbindelse til {url} ({_short(e)})"
            else:
                if 400 <= response.status_code < 500:
                    raise _error_from(response)
                if response.status_code >= 500:
                    reason = f"serverfejl HTTP {response.status_code} fra {url}"
                else:
                    _raise_if_json_error(response)
                    return response.content
            if attempt < attempts:
                self.sleep(self.backoff * 2 ** (attempt - 1))
        raise SourceUnavailable(attempts, reason)


def _da_number(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _short(error: Exception) -> str:
    """A short Danish reason for a failed connection, from the cause wrapped inside requests' error."""
    import socket

    inner, seen = error, 0
    while seen < 10 and (inner.__cause__ or inner.__context__) is not None:
        if isinstance(inner, (ConnectionRefusedError, socket.gaierror)):
            break
        inner, seen = inner.__cause__ or inner.__context__, seen + 1
    if isinstance(inner, ConnectionRefusedError) or "Connection refused" in str(error):
        return "forbindelsen blev afvist"
    if isinstance(inner, socket.gaierror) or "Name or service not known" in str(error):
        return "værtsnavnet kan ikke slås op"
    return " ".join(str(inner).split())[:200]


def _error_from(response) -> StatbankError:
    try:
        payload = response.json()
        return StatbankError(str(payload["message"]), payload.get("errorTypeCode"), response.status_code)
    except (ValueError, KeyError, TypeError):
        text = " ".join(response.text.split())[:200] or response.reason or "intet indhold"
        return StatbankError(text, None, response.status_code)


def _raise_if_json_error(response) -> None:
    """A 2xx answer that is the JSON error object rather than a table is still an error."""
    if "json" not in response.headers.get("Content-Type", "").lower():
        return
    try:
        payload = response.json()
    except ValueError:
        return
    if isinstance(payload, dict) and "errorTypeCode" in payload:
        raise StatbankError(str(payload.get("message", "")), payload["errorTypeCode"], response.status_code)


def fetch_middellevetid(
    client: StatbankClient,
    out_dir: Path = DEFAULT_OUT_DIR,
    query: StatbankQuery = MIDDELLEVETID,
    now: datetime | None = None,
) -> Path:
    """Fetch middellevetid by region and year; write the answer's bytes unchanged and return the file.

    The file is out_dir/middellevetid_<table>_<YYYYMMDDTHHMMSS>.csv; the time stamp (the fetch
    time) becomes published_at when the file is loaded. Nothing is written if the fetch fails,
    and an answer identical to one already saved returns that file.
    """
    content = client.fetch_csv(query.body())
    out_dir.mkdir(parents=True, exist_ok=True)
    # An unchanged answer is not written again: daily fetches would pile up identical files.
    for earlier in sorted(out_dir.glob(f"{INDICATOR_ID}_{query.table}_*.csv")):
        if earlier.read_bytes() == content:
            return earlier
    stamp = (now or datetime.now()).strftime("%Y%m%dT%H%M%S")
    path = out_dir / f"{INDICATOR_ID}_{query.table}_{stamp}.csv"
    n = 1
    while path.exists() and path.read_bytes() != content:  # a different answer in the same second
        n += 1
        path = out_dir / f"{INDICATOR_ID}_{query.table}_{stamp}-{n}.csv"
    path.write_bytes(content)
    return path


# --- reading a saved answer ------------------------------------------------------------------------

REGION_COLUMN, TIME_COLUMN, VALUE_COLUMN = "OMRÅDE", "TID", "INDHOLD"


def fetched_on(path: Path) -> date | None:
    """The fetch date in a saved answer's file name (…_20240612T101500.csv), if it has one."""
    match = _FETCHED_AT.search(path.name)
    return datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").date() if match else None


def period_of(cell: object) -> object:
    """A Statistikbank period as our yearly period: a range "2021:2022" becomes its last year, "2022"."""
    text = " ".join(str(cell or "").split())
    match = _PERIOD_RANGE.match(text)
    if match is None and " " in text:  # CodeAndValue writes the code and then the text
        match = _PERIOD_RANGE.match(text.split(" ", 1)[0])
    return match.group(2) if match else cell


def region_of(cell: object) -> object:
    """The region as written: a DST code (081), a name (Region Nordjylland) or both (081 Region Nordjylland)."""
    text = " ".join(str(cell or "").split())
    if catalog.resolve_region(text) is None and " " in text:
        code, name = text.split(" ", 1)
        for candidate in (code, name):
            if catalog.resolve_region(candidate) is not None:
                return candidate
    return cell


def parse_answer(path: Path, content: bytes):
    """Validated raw rows (a polars frame) of a saved /data answer (CSV), or LoadRefused naming the bad cells."""
    table = read_table(path, content)
    names = {h.strip().upper(): h for h in table.header}
    missing = [c for c in (REGION_COLUMN, TIME_COLUMN, VALUE_COLUMN) if c not in names]
    if missing:
        raise LoadRefused(
            [
                CellError(path, 1, c, "kolonnen mangler; filen ligner ikke et svar fra Danmarks Statistiks Statistikbank")
                for c in missing
            ]
        )
    # Any other variable (KØN) must have been fixed to one value, or each region and year repeats.
    errors = []
    for key, column in names.items():
        if key in (REGION_COLUMN, TIME_COLUMN, VALUE_COLUMN):
            continue
        values = sorted({str(raw[column]).strip() for _, raw in table.rows})
        if len(values) > 1:
            errors.append(
                CellError(path, 1, column, f"svaret har flere værdier ({', '.join(values[:5])}); forespørg kun én")
            )
    if errors:
        raise LoadRefused(errors)

    published = fetched_on(path)
    columns = {"region": names[REGION_COLUMN], "period": names[TIME_COLUMN], "value": names[VALUE_COLUMN]}
    rows = []
    for row_no, raw in table.rows:
        value = str(raw[names[VALUE_COLUMN]]).strip()
        rows.append(
            SourceRow(
                row_no,
                {
                    "indicator_id": INDICATOR_ID,
                    "region": region_of(raw[names[REGION_COLUMN]]),
                    "period": period_of(raw[names[TIME_COLUMN]]),
                    "value": None if value == SUPPRESSED else value,
                    "published_at": published,
                },
                columns,
                suppression_reason=SUPPRESSED if value == SUPPRESSED else None,
            )
        )
    return validate_rows(path, rows)


SOURCE = Source(
    SOURCE_NAME,
    "Danmarks Statistik, Statistikbanken: middellevetid pr. region (gemt svar fra API'et)",
    (FILE_PATTERN,),
    parse_answer,
)
