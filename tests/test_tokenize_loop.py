"""kg/extract/fast_cut.py redoes jieba_fast's `Tokenizer.cut(text, HMM=True)` as one loop: it must
give exactly jieba_fast's words, on any text (the extraction's rules were written against them)."""
import random
from pathlib import Path

import pytest

from kg.extract import tokens
from kg.ingest.read import read_inputs

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(tokens.SEGMENTER != "jieba_fast",
                                reason="jieba_fast is not installed (pip install 'kg[fast]')")

VARIED = [
    "",
    "。",
    "一",
    "呼和浩特市商务局局长在和林格尔县调研，。",
    "GDP增长5.2%，CPI上涨0.3个百分点；A股3000点 iPhone15发布",
    "2023年1-6月，全市完成投资123.45亿元，同比增长12%。",
    "  前后有空格  \n换行\r\n回车换行\r单独回车\t制表　全角空格",
    "张三丰李四光王小二赵钱孙李周吴郑王到访霍尔果斯口岸",
    "a b  c#d+e&f_g.h%i-j/k@l",
    "《关于印发〈某某办法〉的通知》（试行）——“引号”‘单引’…",
    "ＡＢＣ１２３全角字母数字，①②③，Ⅳ期",
    "𠀀𠀁生僻字扩展区与㐀㐁",
    "中铁十四局和中交二航局签约，淖尔壕嘎查嘎鲁图镇乌审召",
    "的的的的的的的的的的的的的的的的的的的的的的的的的的",
    "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz",
]


def _expected(text: str) -> list[str]:
    tokenizer = tokens._tokenizer(tokens.SEGMENTER)[0]
    return list(tokenizer.cut(text, HMM=True))


def _loop(text: str) -> list[str]:
    return list(tokens._cutter(tokens.SEGMENTER)(text))


@pytest.mark.parametrize("text", VARIED)
def test_loop_cuts_as_jieba_fast_on_varied_text(text):
    assert _loop(text) == _expected(text)


def test_loop_cuts_as_jieba_fast_on_random_mixtures():
    # Runs of unknown characters, dictionary words, Latin, digits, spaces and punctuation, mixed.
    pieces = list("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严")
    pieces += ["呼和浩特", "包头市", "鄂尔多斯", "GDP", "5G", "12.5%", "2024", "abc", " ", "\n", "\r\n",
               "，", "。", "、", "（", "）", "-", ".", "#", "+", "&", "_", "%", "／", "·", "嘎查", "苏木"]
    rng = random.Random(20240601)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 60)))
        assert _loop(text) == _expected(text), text


def test_loop_cuts_as_jieba_fast_on_the_articles():
    sources, _ = read_inputs([ROOT / "seeds", ROOT / "tests" / "unseen" / "articles",
                              ROOT / "tests" / "unseen2" / "articles"])
    lines = [line for source in sources for line in source.text.splitlines() if line.strip()]
    assert len(lines) > 100
    for line in lines:
        assert _loop(line) == _expected(line), line
    whole = sources[0].text         # with its newlines and blank lines
    assert _loop(whole) == _expected(whole)


def test_a_process_loads_one_tokenizer():
    """tokenize and dictionary_tag share one tokenizer: a second one cost a process ~1 s
    (its dictionary read again, every place and agency name added again)."""
    import subprocess
    import sys

    code = ("from kg.extract.tokens import _tokenizer, dictionary_tag, tokenize\n"
            "tokenize('呼和浩特市商务局局长说')\n"
            "dictionary_tag('商务')\n"
            "print(_tokenizer.cache_info().currsize)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"
