"""The metric extractor keeps pace with the pipeline (several hundred thousand characters a second)."""
import time

from kg.extract.metrics import extract_metrics
from kg.model import Article, Context, Sentence

SENTENCES = (
    "2022年全区口岸完成进出境货运量5842.2万吨，同比增长14.7%。",
    "预计全年新设外商投资企业145家，同比增长2.6倍；实际使用外资额52亿元，同比增长50.7%。",
    "要一手抓精深加工，开展农副食品加工业培育壮大行动，围绕乳制品、牛羊肉等10个品类，大力引育链主企业。",
    "坚持寓教于乐，把满意度问卷每一道题设置成灯谜，在小区广场开展活动，小区居民参与活动率达到98%。",
    "推动基础设施向乡村延伸，统筹抓好用水、用电、通车、通网等建设，确保“快递进村”通达率达到97%以上。",
)


def test_extract_metrics_reads_over_fifty_thousand_characters_a_second():
    sentences = tuple(Sentence(i, SENTENCES[i % len(SENTENCES)]) for i in range(400))
    art = Article(doc_id="t.txt", index=0, headline="", sentences=sentences,
                  context=Context(home="内蒙古自治区", year=2023, date="2023-02-09"))
    chars = sum(len(s.text) for s in sentences)
    extract_metrics(art, [])                       # compile the patterns first
    start = time.perf_counter()
    extract_metrics(art, [])
    rate = chars / (time.perf_counter() - start)
    assert rate > 50_000, f"{rate:,.0f} characters a second"
