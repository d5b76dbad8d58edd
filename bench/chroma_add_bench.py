"""How fast a Chroma server takes records with nothing else in the way: random unit vectors of
e5's dimension, sentence-record metadata and text, added in batches through Chroma's HTTP client.
The ceiling for any build of a server-mode store on this machine (bench/million_bench.py builds
through the real Indexer).

    nice -n 5 python -m bench.chroma_add_bench --records 60000 --batch 2000 --json out.json
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

from bench import scale


def add_rate(port: int, records: int, batch: int, dimension: int = 384) -> dict:
    """Records per second, overall and per fifth of the run, and the first query's time."""
    import chromadb

    client = chromadb.HttpClient(
        host="127.0.0.1", port=port, settings=chromadb.Settings(anonymized_telemetry=False)
    )
    col = client.create_collection(
        "add-rate", metadata={"hnsw:space": "cosine"}, embedding_function=None
    )
    rng = np.random.default_rng(0)
    marks, done, t0 = [], 0, time.perf_counter()
    while done < records:
        n = min(batch, records - done)
        v = rng.standard_normal((n, dimension)).astype(np.float32)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        col.add(
            ids=[f"r{done + i}" for i in range(n)],
            embeddings=v,
            metadatas=[
                {
                    "source": f"d{(done + i) // 37}",
                    "city": "Bochum",
                    "kind": "sentence",
                    "start": i,
                    "end": i + 80,
                }
                for i in range(n)
            ],
            documents=[
                f"Ein Satz über Medizininformatik, Gehalt und Stadt Nummer {done + i}."
                for i in range(n)
            ],
        )
        done += n
        marks.append((done, time.perf_counter() - t0))
    seconds = time.perf_counter() - t0
    fifth = max(1, len(marks) // 5)
    steps = [marks[i] for i in range(fifth - 1, len(marks), fifth)]
    t1 = time.perf_counter()
    col.query(
        query_embeddings=rng.standard_normal((1, dimension)), n_results=10, where={"city": "Bochum"}
    )
    return {
        "records": done,
        "batch": batch,
        "seconds": round(seconds, 1),
        "records_per_s": round(done / seconds),
        "cumulative_records_per_s": [[n, round(n / t)] for n, t in steps],
        "filtered_query_ms": round((time.perf_counter() - t1) * 1000, 1),
    }


def main() -> None:
    """Command line: start a Chroma server, add, measure, stop; JSON on stdout."""
    from tests.servers import ChromaServer

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=60_000)
    ap.add_argument("--batch", type=int, default=2_000)
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()
    scale.offline()
    with tempfile.TemporaryDirectory(prefix="cb-chroma-add-") as tmp:
        server = ChromaServer(Path(tmp) / "chroma").start()
        try:
            report = add_rate(server.port, args.records, args.batch)
            report["chroma_server_rss_mb"] = round(scale.rss_mb(server.proc.pid)[0], 1)
        finally:
            server.stop()
    report["load_average"] = scale.load_average()
    scale.emit(report, args.json)


if __name__ == "__main__":
    main()
