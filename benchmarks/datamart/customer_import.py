#!/usr/bin/env python3
"""Writes a CSV of --rows customers, imports it through the API and prints how long the job took.

One row in a hundred has an invalid email, to exercise the error report. Only loopback URLs are accepted.
"""
import argparse
import base64
import json
import time
import urllib.parse
import urllib.request


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    if urllib.parse.urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("only a server on loopback may be loaded")
    if args.rows > 1_000_000:
        raise SystemExit("--rows must be at most 1000000: the generated phone numbers have six digits for the row")

    run = int(time.time())
    lines = ["crmId,email,phone,displayName,language,loyaltyTier,channels,emailConsent,smsConsent"]
    for row in range(args.rows):
        email = f"import-{run}-{row}@example.fr" if row % 100 else "not-an-email"
        # French mobile numbers that differ from run to run (the run number is a Unix time in seconds), so that a
        # rerun creates new profiles instead of updating those of the previous run.
        phone = f"+336{run % 100:02d}{row:06d}"
        lines.append(f"crm-{run}-{row},{email},{phone},Client {row},{'fr' if row % 3 else 'en'},"
                     f"{'GOLD' if row % 10 == 0 else 'BRONZE'},EMAIL|SMS,GRANTED,{'DENIED' if row % 2 else 'GRANTED'}")
    body = ("\n".join(lines) + "\n").encode()
    token = base64.b64encode(b"marketer:demo").decode()
    headers = {"Authorization": "Basic " + token}

    began = time.monotonic()
    request = urllib.request.Request(args.url + "/api/v1/customer-imports?fileName=bench.csv", data=body,
                                     method="POST", headers={**headers, "Content-Type": "text/csv"})
    with urllib.request.urlopen(request, timeout=300) as response:
        job = json.load(response)
    while job["status"] == "RUNNING":
        time.sleep(0.5)
        with urllib.request.urlopen(urllib.request.Request(
                args.url + "/api/v1/customer-imports/" + job["jobId"], headers=headers), timeout=60) as response:
            job = json.load(response)
    elapsed = time.monotonic() - began
    print(f"{args.rows} rows in {elapsed:.1f} s ({args.rows / elapsed:.0f} rows/s): {job}")


if __name__ == "__main__":
    main()
