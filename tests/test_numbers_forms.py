"""Every written form of a quantity that Chinese news uses, and the look-alikes that are none."""
from decimal import Decimal

import pytest

from kg.extract.numbers import (
    MULTIPLE,
    find_periods,
    find_quantities,
    parse_chinese_number,
    parse_number,
    parse_quantity,
    units,
)


def one(text: str):
    found = find_quantities(text)
    assert len(found) == 1, f"{text!r}: {found}"
    return found[0]


@pytest.mark.parametrize("text, value, unit", [
    ("完成进出境货运量5842.2万吨", "58422000", "t"),
    ("货运量达到1.07亿吨", "107000000", "t"),
    ("协议总投资1297.7亿元", "129770000000", "CNY"),
    ("实际利用外资4.07亿美元", "407000000", "USD"),
    ("投资714万元", "7140000", "CNY"),
    ("资产总额首次突破万亿元，", "1000000000000", "CNY"),
    ("规模达1万亿元", "1000000000000", "CNY"),
    ("产值稳定在千亿元以上。", "100000000000", "CNY"),
    ("10GW光伏电池片", "10000000", "kW"),
    ("新增并网4000万千瓦", "40000000", "kW"),
    ("装机300MW", "300000", "kW"),
    ("新能源发电量3000亿度", "300000000000", "kWh"),
    ("消化土地1.2万亩", "12000", "mu"),
    ("盘活土地132公顷", "1320000", "m2"),
    ("粮食产量800亿斤", "40000000", "t"),
    ("新建舍饲棚圈500万平方米", "5000000", "m2"),
    ("改造管网1500公里", "1500", "km"),
    ("降水量6.0毫米", "6", "mm"),
    ("接待游客2.73亿人次", "273000000", "person"),
    ("培训兵支书171名", "171", "person"),
    ("24位首席科学家", "24", "person"),
    ("算力规模突破20万P、", "200000", "PFLOPS"),
    ("开工率达65%", "65", "percent"),
    ("占比32.6％", "32.6", "percent"),
    ("百分之三十的企业", "30", "percent"),
    ("高于全国1个百分点", "1", "pp"),
    ("装载55个标箱", "55", "count"),
    ("签约项目703个", "703", "count"),
    ("出口整车19785辆", "19785", "count"),
    ("新筹建保障性租赁住房1.69万套", "16900", "count"),
    ("过境中欧班列8000列以上", "8000", "count"),
    ("一千个项目", "1000", "count"),
    ("三十五名代表", "35", "person"),
])
def test_a_quantity_in_base_units(text, value, unit):
    q = one(text)
    assert (q.value, q.unit) == (Decimal(value), unit)


def test_scaling_is_exact_decimal_arithmetic():
    q = one("税收0.1万元")
    assert q.value == Decimal(1000) and isinstance(q.value, Decimal)
    assert one("5842.2万吨").value == Decimal(58422000)


def test_multiplier_form():
    q = one("金山电厂2×66万千瓦扩建项目")
    assert (q.value, q.unit, q.raw, q.multiplier) == (Decimal(1320000), "kW", "2×66万千瓦", Decimal(2))


def test_unit_with_magnitude_is_read_as_one_unit():
    assert one("66万千瓦").value == Decimal(660000)       # not 66万千 × 瓦
    assert (one("5千米").value, one("5千米").unit) == (Decimal(5), "km")
    assert one("3千人").value == Decimal(3000)


@pytest.mark.parametrize("text, value, unit, approx, raw", [
    ("共进口活羊近20000只", "20000", "head", "近", "近20000只"),
    ("退税减税降费超100亿元", "10000000000", "CNY", "超", "超100亿元"),
    ("转发创城信息20余条", "20", "count", "余", "20余条"),
    ("参训300余人次", "300", "person", "余", "300余人次"),
    ("出口葵花籽2万多吨", "20000", "t", "多", "2万多吨"),
    ("带动消费300多亿元", "30000000000", "CNY", "多", "300多亿元"),
    ("提供就业岗位数5.4万余个", "54000", "count", "余", "5.4万余个"),
    ("新增高新技术企业超过340家", "340", "count", "超过", "340家"),
    ("新签约项目不少于1000个", "1000", "count", "不少于", "1000个"),
    ("通达率达到97%以上，", "97", "percent", "以上", "97%"),
    ("货值约16.75亿元", "1675000000", "CNY", "约", "约16.75亿元"),
])
def test_approximate_qualifiers(text, value, unit, approx, raw):
    q = one(text)
    assert (q.value, q.unit, q.approximate, q.raw) == (Decimal(value), unit, approx, raw)


def test_range_has_two_ends():
    q = one("范围在0.1至6.0毫米之间")
    assert q.is_range and q.value is None
    assert (q.low, q.high, q.unit) == (Decimal("0.1"), Decimal(6), "mm")


def test_multiple_and_change_figures():
    q = one("同比增长5.5倍")
    assert (q.unit, q.value, q.number) == (MULTIPLE, Decimal(550), Decimal("5.5"))
    assert one("下降3.5%").value == Decimal("3.5")


def test_bare_number_takes_the_unit_of_its_noun():
    q = one("今年我区有17万应届大学生毕业")
    assert (q.value, q.unit, q.implied) == (Decimal(170000), "person", True)
    assert one("技术合同交易额突破百亿。").unit == "CNY"
    assert find_quantities("共有30万") == []                  # no noun, no unit: no quantity


@pytest.mark.parametrize("text", [
    "本报2月9日讯", "2023年是开局之年", "第十四届全运会", "四大行动", "六大产业集群",
    "深入实施“五个大起底”行动", "平均提前近2个月", "节约通关时间24小时", "“十四五”时期",
    "咨询电话0471-6969999", "上接第1版", "位列全区口岸前三名", "排名第11位", "1—11月",
    "粤蒙开启“百万人互游”活动", "千家万户", "百家联盟成员单位", "给予一次性奖励", "三方协作",
    "对55个10亿元以上在谈重大项目", "打造4个千亿级园区", "“4×100”接力跑", "做好三项工作",
    "落实《快审快办二十条措施》", "统筹发展和安全两件大事", "市委十三届七次全会",
])
def test_look_alikes_are_no_quantities(text):
    qs = find_quantities(text)
    assert all(q.raw not in ("10亿元", "千亿") for q in qs)
    if text.startswith("对55个"):
        assert [q.raw for q in qs] == ["55个"]
    elif text.startswith("打造4个"):
        assert [q.raw for q in qs] == ["4个"]
    else:
        assert qs == [], qs


def test_period_is_not_a_quantity_but_is_found():
    assert find_quantities("1—11月，全区进出口") == []
    assert [p[2] for p in find_periods("1—11月，前三季度和上半年")] == ["1—11月", "前三季度", "上半年"]


@pytest.mark.parametrize("text, value", [
    ("一千", 1000), ("两", 2), ("三十五", 35), ("十", 10), ("千亿", 10**11), ("万亿", 10**12),
    ("一万亿", 10**12), ("三亿五千万", 350_000_000), ("十二万三千四百五十六", 123456), ("二〇二三", 2023),
])
def test_chinese_numerals(text, value):
    assert parse_chinese_number(text) == Decimal(value)


def test_parse_number_mixes_digits_and_magnitudes():
    assert parse_number("5842.2万") == Decimal("58422000.0")
    assert parse_number("1万亿") == Decimal(10**12)
    assert parse_number("1,234") == Decimal(1234)
    assert parse_number("几个") is None


def test_parse_quantity_of_one_figure():
    assert parse_quantity("2×66万千瓦").value == Decimal(1320000)
    assert parse_quantity("2023年") is None


def test_units_table_is_well_formed():
    table = units()
    assert table["亿元"].factor == Decimal(100000000) and table["斤"].factor == Decimal("0.0005")
    assert {u.code for u in table.values()} >= {"CNY", "USD", "t", "kW", "kWh", "m3", "mu", "km", "m", "m2",
                                                 "mm", "person", "head", "percent", "pp", "PFLOPS", "count"}
