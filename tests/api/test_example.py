"""The README's API example, run as it is written against a live server: an agency's overdue
tasks, a progress update with a file, the Q3/2025 report requested, waited for, downloaded."""

import re
from datetime import date
from pathlib import Path

import time_machine
from django.conf import settings

from apitokens.services import token_create
from tasks.models import Evidence

README = Path(settings.BASE_DIR) / "README.md"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def example_function():
    text = README.read_text(encoding="utf-8")
    code = re.search(r"<!-- api-example -->\n```python\n(.*?)```", text, re.S).group(1)
    namespace: dict = {}
    exec(compile(code, "README.md (api-example)", "exec"), namespace)  # noqa: S102
    return namespace["overdue_update_and_report"]


def test_the_readme_example_runs(
    live_server, secretariat, make_task, complete, agency_a, agency_b, tmp_path
):
    with time_machine.travel(date(2025, 7, 1)):
        late = make_task("Số hóa hồ sơ", leads=[agency_a], deadline="31/08/2025")
        done = make_task("Chữ ký số", leads=[agency_a], deadline="31/08/2025")
        make_task("Của Sở Nội vụ", leads=[agency_b], deadline="31/08/2025")
    with time_machine.travel(date(2025, 8, 20)):
        complete(done.assignments.get(), date(2025, 8, 20))
    _token, key = token_create(user=secretariat, name="example", days=1)
    evidence = tmp_path / "bien-ban.pdf"
    evidence.write_bytes(PDF)

    with time_machine.travel(date(2025, 10, 15)):
        pdf = example_function()(live_server.url, key, agency_a.pk, str(evidence))

    assert pdf.startswith(b"%PDF")
    lead = late.assignments.get()
    assert lead.percent == 60 and lead.updates.count() == 1
    assert Evidence.objects.filter(update__assignment=lead).count() == 1
