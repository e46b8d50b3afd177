"""The one resource every asset shares: the folders and files of this deployment."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from orchestration.settings import PROJECT_ROOT, project_path


class WarehouseSettings(dg.ConfigurableResource):
    """Landing folder, bundled samples, published warehouse and the private build folder."""

    landing_dir: str
    samples_dir: str
    warehouse_path: str
    workers: int = 2
    max_file_bytes: int = 20 * 1024 * 1024
    # dbt target (profiles.yml): "duckdb" builds the marts in the build database and
    # publishes them; "spark" builds them on Spark from the lake's Parquet files.
    target: str = "duckdb"

    @classmethod
    def from_env(cls) -> WarehouseSettings:
        return cls(
            landing_dir=str(project_path("OGI_LANDING", "data/landing")),
            samples_dir=str(PROJECT_ROOT / "data" / "samples"),
            warehouse_path=str(project_path("OGI_WAREHOUSE", "warehouse/ogi.duckdb")),
            workers=int(os.environ.get("OGI_WORKERS", os.cpu_count() or 1)),
            target=os.environ.get("OGI_TARGET", "duckdb"),
        )

    @property
    def on_spark(self) -> bool:
        return self.target == "spark"

    @property
    def published(self) -> Path:
        return Path(self.warehouse_path)

    @property
    def build_dir(self) -> Path:
        return self.published.parent / ".build"

    @property
    def build_db(self) -> Path:
        return self.build_dir / "ogi_build.duckdb"

    @property
    def texts_dir(self) -> Path:
        """The documents' normalized texts as Parquet, named by raw.document_text_files."""
        return self.build_dir / "texts"

    @property
    def published_texts_dir(self) -> Path:
        """The texts the published warehouse names (links to the build's files)."""
        return self.published.parent / "texts"

    @property
    def lake_dir(self) -> Path:
        """raw.* as Parquet, one folder per table: what Spark (or a lakehouse) reads."""
        return self.build_dir / "lake"

    @property
    def spark_dir(self) -> Path:
        """Spark's tables and its embedded metastore (local session mode)."""
        return self.build_dir / "spark"

    @property
    def gx_project(self) -> Path:
        return self.build_dir / "gx_project"

    @property
    def data_docs(self) -> Path:
        """The published Data Docs site, next to the published warehouse."""
        return self.published.parent / "data_docs"

    @property
    def report_html(self) -> Path:
        return self.published.parent / "report.html"

    @property
    def dbt_docs_html(self) -> Path:
        return self.published.parent / "dbt_docs.html"

    def prepare(self) -> None:
        self.build_dir.mkdir(parents=True, exist_ok=True)
        # dbt reads its target and where things are from the environment (profiles.yml).
        os.environ["OGI_BUILD_DB"] = str(self.build_db)
        os.environ["OGI_TARGET"] = self.target
        os.environ["OGI_LAKE_DIR"] = str(self.lake_dir.resolve())
        os.environ["OGI_SPARK_DIR"] = str(self.spark_dir.resolve())
