"""Benchmark of importing a 10,000-row annex (issue 4, "Speed").

Run from the repository root:

    DJANGO_SETTINGS_MODULE=tests.settings .venv/bin/python bench/import_annex.py

It uses its own PostgreSQL database ``bench_import`` on 127.0.0.1 (user postgres, trust auth),
created and migrated when missing, with 1 committee, 195 agencies and a secretariat user. The
annex is generated once into ``var/bench/annex-10000.xlsx``: title rows, a merged two-row
header, a section row every 50 tasks, sub-numbering (1, 1.1), one to three agencies per cell
written as full names, short names or in another case, and deadline expressions.

Three imports of the same rows, each into an empty register, each timed end to end:

1. the portal's: upload (read and check the file), preview (dry run) and confirmed import,
   through ``tasks.imports`` exactly as the pages call it; peak memory is the process's
   maximum resident set (``resource.getrusage``) measured right after it;
2. django-import-export's default row-by-row path: a plain ``ModelResource`` of Task (lookup
   by code, committee by foreign key), a dry run then the real import, as its admin does;
3. a bare ``bulk_create`` of the same Task rows: the floor.

The figures go to the console and to the "Annex import" section of ``bench/RESULTS.md``.
"""

import argparse
import os
import random
import resource
import time

import django
from _shared import (
    RESULTS,
    ROOT,
    ensure_database,
    migrate,
    replace_section,
    timestamp,
    use_database,
)

DB_NAME = "bench_import"
use_database(DB_NAME)

N_ROWS = 10_000
N_DEPARTMENTS = 60
N_COMMUNES = 135
ANNEX = ROOT / "var" / "bench" / f"annex-{N_ROWS}.xlsx"
SECTION = "## Annex import (10,000 rows)"
COMMAND = "DJANGO_SETTINGS_MODULE=tests.settings .venv/bin/python bench/import_annex.py"
TARGET_SECONDS, TARGET_MB = 5.0, 300
SECTIONS = [
    "NHIỆM VỤ VỀ HẠ TẦNG SỐ",
    "NHIỆM VỤ VỀ PHÁT TRIỂN NGUỒN NHÂN LỰC",
    "NHIỆM VỤ VỀ CHÍNH QUYỀN SỐ",
    "NHIỆM VỤ VỀ KINH TẾ SỐ",
    "NHIỆM VỤ VỀ KHOA HỌC, CÔNG NGHỆ",
]
DEADLINES = ["Quý III/2025", "Tháng 8/2025", "Năm 2025", "Trước 15/8/2025", "Thường xuyên"]
ROMAN = "I II III IV V VI VII VIII IX X".split()


def set_up():
    """The committee, agencies and user (created once)."""
    from django.contrib.auth.models import Group, User

    from steering.authz import Role
    from steering.models import Agency, Committee, Profile

    migrate()
    committee, _ = Committee.objects.get_or_create(
        name="Ban Chỉ đạo tỉnh (bench import)", defaults={"level": "province"}
    )
    if not Agency.objects.exists():
        Agency.objects.bulk_create(
            [
                Agency(
                    committee=committee,
                    name=f"Sở bench số {i:02d}",
                    short_name=f"S{i:02d}",
                    kind="department",
                )
                for i in range(1, N_DEPARTMENTS + 1)
            ]
            + [
                Agency(
                    committee=committee,
                    name=f"UBND xã bench {i:03d}",
                    short_name=f"X{i:03d}",
                    kind="commune",
                )
                for i in range(1, N_COMMUNES + 1)
            ]
        )
    user = User.objects.filter(username="bench-secretary").first()
    if user is None:
        user = User.objects.create_user("bench-secretary", password="bench")
        user.groups.add(Group.objects.get_or_create(name=Role.SECRETARIAT)[0])
        Profile.objects.create(user=user, committee=committee)
    return committee, user, list(Agency.objects.order_by("name"))


def agency_text(rng: random.Random, agencies: list) -> str:
    names = []
    for agency in rng.sample(agencies, rng.choice([1, 1, 2, 3])):
        style = rng.random()
        name = agency.name.upper() if style < 0.4 else agency.name
        names.append(agency.short_name if style < 0.3 else name)
    return rng.choice(["; ", ", ", " và "]).join(names)


def build_annex(agencies: list) -> None:
    """The annex as departments send it (see the module docstring)."""
    from openpyxl import Workbook

    rng = random.Random(57)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Phụ lục")
    sheet.append(["UBND TỈNH GIA LAI"])
    sheet.append(["PHỤ LỤC"])
    sheet.append(["DANH MỤC NHIỆM VỤ THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW (bench)"])
    sheet.append([])
    sheet.append(
        [
            "STT",
            "Nội dung nhiệm vụ",
            "Cơ quan thực hiện",
            None,
            "Thời gian hoàn thành",
            "Sản phẩm",
            "Ghi chú",
        ]
    )
    sheet.append([None, None, "Chủ trì", "Phối hợp"])
    written, section = 0, 0
    while written < N_ROWS:
        sheet.append([ROMAN[section % 10], f"{SECTIONS[section % 5]} (PHẦN {section + 1})"])
        section += 1
        for number in range(1, 26):
            if written >= N_ROWS:
                break
            for sub in ("", ".1"):
                if written >= N_ROWS:
                    break
                written += 1
                sheet.append(
                    [
                        f"{number}{sub}",
                        f"Nhiệm vụ bench số {written}: triển khai chuyển đổi số phần {section}",
                        agency_text(rng, agencies[:N_DEPARTMENTS]),
                        agency_text(rng, agencies) if rng.random() < 0.6 else "",
                        rng.choice(DEADLINES),
                        "Báo cáo kết quả",
                        "",
                    ]
                )
    sheet.append([])
    sheet.append(["Nơi nhận:"])
    ANNEX.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(ANNEX)


def empty_register(committee) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE tasks_task, tasks_historicaltask, tasks_assignment, "
            "tasks_historicalassignment, tasks_importbatch CASCADE"
        )


def portal_import(user) -> dict[str, float]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tasks import imports
    from tasks.models import ImportBatch, Task

    times = {}
    started = time.perf_counter()
    upload = SimpleUploadedFile(ANNEX.name, ANNEX.read_bytes())
    batch = imports.import_batch_create(user=user, upload=upload, default_field="innovation")
    times["upload (read, check)"] = time.perf_counter() - started
    step = time.perf_counter()
    preview = imports.import_preview(batch)
    times["preview (dry run)"] = time.perf_counter() - step
    assert preview.can_confirm and preview.counts["new"] == N_ROWS, preview.error_messages()[:5]
    step = time.perf_counter()
    imports.import_batch_run(batch.pk)
    times["confirmed import"] = time.perf_counter() - step
    times["total"] = time.perf_counter() - started
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE, batch.error
    assert Task.objects.count() == N_ROWS
    return times


def rows_of_annex():
    """(code, title, deadline) of the annex's tasks, for the two comparison imports."""
    from tasks.annex import cell_text, read_annex

    annex = read_annex(ANNEX.read_bytes(), ANNEX.name)
    return [
        (f"B-{i:05d}", cell_text(r.values["title"]), cell_text(r.values["deadline"]))
        for i, r in enumerate(annex.records, start=1)
    ]


def default_import(committee, rows) -> dict[str, float]:
    import tablib
    from import_export import fields, resources, widgets

    from steering.models import Committee
    from tasks.models import Task

    class PlainTaskResource(resources.ModelResource):
        committee = fields.Field(
            attribute="committee",
            column_name="committee",
            widget=widgets.ForeignKeyWidget(Committee),
        )

        class Meta:
            model = Task
            fields = ("committee", "code", "title", "field", "deadline_text")
            import_id_fields = ("code",)

    dataset = tablib.Dataset(headers=["committee", "code", "title", "field", "deadline_text"])
    for code, title, deadline in rows:
        dataset.append([committee.pk, code, title, "innovation", deadline])
    times = {}
    started = time.perf_counter()
    result = PlainTaskResource().import_data(dataset, dry_run=True)
    times["preview (dry run)"] = time.perf_counter() - started
    assert not result.has_errors() and not result.has_validation_errors()
    step = time.perf_counter()
    PlainTaskResource().import_data(dataset, dry_run=False)
    times["confirmed import"] = time.perf_counter() - step
    times["total"] = time.perf_counter() - started
    assert Task.objects.count() == N_ROWS
    return times


def bare_bulk_create(committee, rows) -> dict[str, float]:
    from tasks.models import Task

    started = time.perf_counter()
    Task.objects.bulk_create(
        [
            Task(
                committee=committee,
                code=code,
                title=title,
                field="innovation",
                deadline_text=deadline,
            )
            for code, title, deadline in rows
        ],
        batch_size=1000,
    )
    return {"total": time.perf_counter() - started}


def write_results(portal, peak_mb, default, floor) -> str:
    stamp = timestamp()
    total = portal["total"]
    met = total < TARGET_SECONDS and peak_mb < TARGET_MB
    lines = [
        SECTION,
        "",
        f"Date: {stamp}. Machine: {os.cpu_count()} cores, shared and noisy: compare ratios.",
        f"Data: a {N_ROWS:,}-row annex ({ANNEX.stat().st_size // 1024} KB .xlsx: title rows, "
        "merged two-row header, sections, sub-numbering, 1-3 agencies per cell), 195 agencies, "
        f"into an empty register each time; PostgreSQL database `{DB_NAME}` on 127.0.0.1.",
        "",
        "```",
        COMMAND,
        "```",
        "",
        "| path | step | seconds | rows/s |",
        "|---|---|---:|---:|",
    ]
    for name, times in (
        ("portal (tasks.imports)", portal),
        ("django-import-export default, plain ModelResource", default),
        ("bare bulk_create (floor)", floor),
    ):
        for step, seconds in times.items():
            lines.append(f"| {name} | {step} | {seconds:.2f} | {N_ROWS / seconds:,.0f} |")
    lines += [
        "",
        f"- Peak memory (maximum resident set of the process after the portal's import): "
        f"{peak_mb:.0f} MB.",
        f"- Default path / portal: {default['total'] / total:.1f}x (the portal is that much "
        "faster, writing assignments and history rows the default path does not).",
        f"- Portal / bare bulk_create: {total / floor['total']:.1f}x.",
        f"- Target (issue 4): preview + confirmed import < {TARGET_SECONDS:.0f} s and < "
        f"{TARGET_MB} MB: **{'met' if met else 'NOT met'}**.",
        "",
    ]
    text = "\n".join(lines)
    replace_section(SECTION, text)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="drop the database, new annex")
    args, _unknown = parser.parse_known_args()  # bench/run.py passes every option to all
    ensure_database(DB_NAME, args.rebuild)
    django.setup()
    committee, user, agencies = set_up()
    if args.rebuild or not ANNEX.exists():
        build_annex(agencies)

    empty_register(committee)
    portal = portal_import(user)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = rows_of_annex()
    empty_register(committee)
    default = default_import(committee, rows)
    empty_register(committee)
    floor = bare_bulk_create(committee, rows)
    empty_register(committee)
    print(write_results(portal, peak_mb, default, floor))
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
