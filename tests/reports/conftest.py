"""A small register with a Q3/2025 history, and helpers to request its report."""

from datetime import date, datetime

import pytest
import time_machine
from django.utils import timezone

from reports import services
from reports.models import Report
from steering.models import Member
from tasks import services as task_services
from tests.factories import MemberFactory

Q3_START, Q3_END = date(2025, 7, 1), date(2025, 9, 30)


def at(day: date, hour: int = 10):
    return time_machine.travel(timezone.make_aware(datetime(day.year, day.month, day.day, hour)))


@pytest.fixture
def register(committee, make_task, complete, secretariat, agency_a, agency_b):
    """Three tasks made on 01/07/2025: one completed on 20/08, one overdue since 31/08 at 40%,
    one due in Q4; and the head of the committee who signs."""
    MemberFactory(
        committee=committee, full_name="Nguyễn Văn Trưởng", role=Member.Role.HEAD, agency=agency_a
    )
    with at(Q3_START):
        done = make_task("Số hóa hồ sơ hộ tịch", leads=[agency_a], deadline="31/08/2025")
        late = make_task("Cấp chữ ký số cho cán bộ", leads=[agency_b], deadline="31/08/2025")
        make_task("Xây dựng kho dữ liệu dùng chung", leads=[agency_a], deadline="Quý IV/2025")
    with at(date(2025, 8, 20)):
        complete(done.assignments.get(), date(2025, 8, 20))
        task_services.progress_log(
            assignment=late.assignments.get(),
            user=secretariat,
            percent=40,
            completed=False,
            note="Đang triển khai",
            effective_date=date(2025, 8, 20),
        )
    return {"done": done, "late": late}


@pytest.fixture
def request_q3(committee, secretariat, django_capture_on_commit_callbacks):
    """``request_q3()``: the secretariat requests the Q3/2025 report (generated in-process
    when the request's transaction commits)."""

    def request(**overrides) -> Report:
        options = {
            "committee": committee,
            "kind": Report.Kind.QUARTERLY,
            "start": Q3_START,
            "end": Q3_END,
            "user": secretariat,
        }
        with django_capture_on_commit_callbacks(execute=True):
            report = services.report_request(**{**options, **overrides})
        report.refresh_from_db()
        return report

    return request
