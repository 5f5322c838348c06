"""`make screens --paths`: each page's screenshot gets a file name readable in a directory."""

import pytest

from bench.management.commands.screens import _file_stem


@pytest.mark.parametrize(
    ("url_path", "stem"),
    [
        ("", "hr"),
        ("/attendance/pay/", "hr-attendance-pay"),
        ("/attendance/pay/?sort=-month&per_page=50", "hr-attendance-pay-sort-month-per-page-50"),
    ],
)
def test_a_page_path_becomes_words_after_the_login(url_path, stem):
    assert _file_stem("hr", url_path) == stem
