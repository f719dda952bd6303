"""Article metadata from header and byline lines, never from the story's own dates."""
import pytest

from kuaiclaims.metadata import parse_metadata


@pytest.mark.parametrize("text,published,time", [
    ("财经早参\n2025-03-27 14:00:57 来源：潮汐财经\n\n快手营收增长。", "2025-03-27", "14:00:57"),
    ("时间:2024-11-02 09:30\n文 | 《财经》记者 黄思韵\n正文。", "2024-11-02", "09:30"),
    ("标题\n\n据官方披露，截至2020年10月31日，累计发生事故97起。", None, None),
    ("标题\n有鉴于此,公司将为2020年6月1日及以前生产的车辆免费升级\n", None, None),
    ("发布时间：2023年5月6日\n正文", "2023-05-06", None),
], ids=lambda x: str(x)[:20])
def test_publication_date_comes_from_header_lines(text, published, time):
    m = parse_metadata(text)
    assert (m.published, m.time) == (published, time)


def test_byline_and_editor():
    m = parse_metadata("文 | 《财经》实习生 黄思韵\n编辑 | 刘以秦\n\n正文。")
    assert (m.outlet, m.author, m.editor) == ("财经", "黄思韵", "刘以秦")
