"""Authors resolved to GB/T 2260 codes. Every expected code below was looked up by hand in
seeds/divisions.csv, never produced by running the resolver."""

import csv
import random
from collections import Counter
from pathlib import Path

import pytest

from ogi.jurisdiction import resolve_author
from ogi.metadata import find_author, find_title
from ogi.normalize import normalize

DIVISIONS = Path(__file__).resolve().parents[1] / "seeds" / "divisions.csv"

# Headers of pages from traditional-character sites, converted the way extract.py does.
ZHANGYE_BIG5 = normalize("張掖市人民政府\n索引號：620700004/2018-66716\n張掖市2008年度政府信息公開年度報告")
LANZHOU_BIG5 = normalize("蘭州市城關區人民政府2016年政府信息公開工作年度報告")

# (author, context text, name, adcode, level, words the resolution must contain)
RESOLVED = [
    # Governments, province to county, and a government's own office.
    ("北京市", "", "北京市", "110000", "province", []),
    ("北京市人民政府", "", "北京市", "110000", "province", []),
    ("广西壮族自治区人民政府办公厅", "", "广西壮族自治区", "450000", "province", []),
    ("内蒙古", "内蒙古自治区人民政府办公厅2019年政府信息公开工作年度报告", "内蒙古自治区", "150000",
     "province", ["full name"]),
    ("佳木斯市", "", "佳木斯市", "230800", "prefecture", []),
    ("张掖市", "索引号：620700004/2018-66716", "张掖市", "620700", "prefecture", ["索引号"]),
    ("甘肃省张掖市人民政府", "", "甘肃省张掖市", "620700", "prefecture", []),
    ("延边州人民政府", "", "延边朝鲜族自治州", "222400", "prefecture", ["short form"]),
    ("阿里地区行政公署", "", "阿里地区", "542500", "prefecture", []),
    ("锡林郭勒盟", "", "锡林郭勒盟", "152500", "prefecture", []),
    ("长沙市开福区", "", "长沙市开福区", "430105", "district", []),
    ("开福区", "", "开福区", "430105", "district", []),
    ("长沙开福区", "", "长沙开福区", "430105", "district", []),
    ("北京市朝阳区", "", "北京市朝阳区", "110105", "district", ["北京市"]),
    ("长春市朝阳区人民政府", "", "长春市朝阳区", "220104", "district", ["长春市"]),
    ("上海市浦东新区人民政府", "", "上海市浦东新区", "310115", "district", []),
    ("重庆市万州区", "", "重庆市万州区", "500101", "district", []),
    ("济南市市中区", "", "济南市市中区", "370103", "district", []),
    ("庆城县", "", "庆城县", "621021", "county", []),
    ("榆中县人民政府办公室", "", "榆中县", "620123", "county", []),
    ("宁夏盐池县", "", "宁夏盐池县", "640323", "county", []),
    ("长阳县", "", "长阳土家族自治县", "420528", "county", ["short form"]),
    ("神农架林区", "", "神农架林区", "429021", "county", []),
    ("鄂温克族自治旗", "", "鄂温克族自治旗", "150724", "county", []),
    ("达尔罕茂明安联合旗人民政府", "", "达尔罕茂明安联合旗", "150223", "county", []),
    ("义乌市", "", "义乌市", "330782", "county", []),
    ("浙江省义乌市人民政府", "", "浙江省义乌市", "330782", "county", []),
    ("济源市", "", "济源市", "419001", "county", []),
    ("长沙市开福区政务公开工作领导小组办公室", "", "长沙市开福区", "430105", "district", []),
    # Departments: adcode of the government they belong to.
    ("北京市朝阳区审计局", "", "北京市朝阳区审计局", "110105", "department", []),
    ("定西市教育局", "", "定西市教育局", "621100", "department", []),
    ("开福区统计局", "", "开福区统计局", "430105", "department", []),
    ("山西省人民政府外事办公室", "", "山西省人民政府外事办公室", "140000", "department", []),
    ("张掖市发展和改革委员会", "", "张掖市发展和改革委员会", "620700", "department", []),
    ("荆州市公安局", "", "荆州市公安局", "421000", "department", []),
    ("盐池县花马池镇财政所", "", "盐池县花马池镇财政所", "640323", "department", []),
    # Townships and street offices: adcode of their county-level government.
    ("盐池县花马池镇人民政府", "", "盐池县花马池镇", "640323", "township", []),
    ("义乌市廿三里街道办事处", "", "义乌市廿三里街道", "330782", "township", []),
    ("北京市东城区人民政府东华门街道办事处", "", "北京市东城区东华门街道", "110101", "township", []),
    ("东莞市虎门镇人民政府", "", "东莞市虎门镇", "441900", "township", ["without counties"]),
    ("城关镇人民政府", "岷县城关镇人民政府2020年政府信息公开工作年度报告", "城关镇", "621126",
     "township", ["岷县"]),
    ("两城镇人民政府党政办公室", "索引号：371102001/2021-00035", "两城镇", "371102", "township",
     ["索引号"]),
    # Traditional-character pages, normalized by the caller.
    (normalize("張掖市人民政府"), ZHANGYE_BIG5, "张掖市", "620700", "prefecture", ["索引号"]),
    (normalize("蘭州市城關區"), LANZHOU_BIG5, "兰州市城关区", "620102", "district", []),
    (normalize("廣西壯族自治區桂林市"), "", "广西壮族自治区桂林市", "450300", "prefecture", []),
    (normalize("烏魯木齊市人民政府"), "", "乌鲁木齐市", "650100", "prefecture", []),
    (normalize("臺灣省"), "", "台湾省", "710000", "province", []),
    # Duplicate names made unique by the document.
    ("朝阳区", "索引号：220104001/2019-00012", "朝阳区", "220104", "district", ["索引号"]),
    ("朝阳区", "北京市朝阳区人民政府2019年政府信息公开工作年度报告", "朝阳区", "110105", "district",
     ["parent"]),
    ("朝阳区", "在北京市委、市政府的坚强领导下", "朝阳区", "110105", "district", ["parent"]),
    ("朝阳区", "2019年，长春市朝阳区深入贯彻", "朝阳区", "220104", "district", ["parent"]),
    ("朝阳区", "在吉林省委、省政府的领导下", "朝阳区", "220104", "district", ["province"]),
    ("鼓楼区", "在福建省委、省政府的领导下", "鼓楼区", "350102", "district", ["province"]),
    ("鼓楼区", "江苏省南京市", "鼓楼区", "320106", "district", ["parent"]),
    ("福州市鼓楼区", "", "福州市鼓楼区", "350102", "district", ["福州市"]),
    ("石家庄市新华区", "", "石家庄市新华区", "130105", "district", []),
    ("开福", "长沙市开福区人民政府", "开福区", "430105", "district", ["short form"]),
    # Historic names keep their historic codes.
    ("崇文区", "", "崇文区", "110103", "district", ["historic"]),
    ("北京市宣武区", "", "北京市宣武区", "110104", "district", ["historic"]),
    ("上海市闸北区人民政府", "", "上海市闸北区", "310108", "district", ["historic"]),
    ("长治市城区", "", "长治市城区", "140402", "district", ["historic"]),
    ("北川县", "索引号：512237001/2005-1", "北川县", "512237", "county", ["historic"]),
    # A spam mirror: the last clean division, and no more.
    ("长春市365bet官网备用网址办公室", "", "长春市", "220100", "prefecture", ["spam", "unknown"]),
]

# (author, context text, words the reason must contain)
UNRESOLVED = [
    ("朝阳区", "", ["110105", "220104"]),
    ("鼓楼区", "", ["320106", "320302", "350102", "410204"]),
    ("鼓楼区", "在江苏省委、省政府的领导下", ["320106", "320302"]),
    ("新华区", "", ["130105", "130902", "410402"]),
    ("市中区", "", ["370103", "370402", "511002", "511102"]),
    ("城区", "", ["140302", "140502", "441502"]),
    ("朝阳区", "北京市、长春市两地", ["110105", "220104"]),
    ("城关镇", "", ["城关镇", "county"]),
    ("城关镇人民政府", "全镇共收到申请3件", ["城关镇", "county"]),
    ("金华市廿三里街道", "", ["廿三里街道", "金华市"]),
    ("昌平县", "", ["110201", "110221", "historic"]),
    # Historic as an official name, current only as the short form of 北川羌族自治县.
    ("北川县", "", ["510726", "512237", "512831"]),
    ("开福", "", ["开福区", "not confirmed"]),
    ("北京", "", ["北京市", "not confirmed"]),
    ("公安局", "", ["no division"]),
    ("长春市鼓楼区", "", ["do not nest"]),
    ("某市自然资源和规划局", "", ["no division"]),
    ("XX区人民政府", "", ["no division"]),
    ("某某镇人民政府", "", ["某某镇"]),
    (None, "", ["no author"]),
]


@pytest.mark.parametrize(("author", "text", "name", "adcode", "level", "words"), RESOLVED)
def test_resolved(author, text, name, adcode, level, words):
    j = resolve_author(author, text)
    assert (j.name, j.adcode, j.level) == (name, adcode, level), j.resolution
    for word in words:
        assert word in j.resolution


@pytest.mark.parametrize(("author", "text", "words"), UNRESOLVED)
def test_unresolved_says_why(author, text, words):
    j = resolve_author(author, text)
    assert (j.adcode, j.level) == (None, "unknown"), j
    assert j.name == author
    for word in words:
        assert word in j.resolution


def test_table_is_large_enough():
    assert len(RESOLVED) + len(UNRESOLVED) >= 40


def _current_unique_names() -> list[tuple[str, str]]:
    with DIVISIONS.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["status"] == "current"]
    counts = Counter(r["name"] for r in rows)
    return [(r["name"], r["adcode"]) for r in rows if counts[r["name"]] == 1]


def test_round_trip_of_current_unique_names():
    sample = random.Random(2260).sample(_current_unique_names(), 3000)
    wrong = [(name, code, resolve_author(name, "").adcode) for name, code in sample
             if resolve_author(name, "").adcode != code]
    assert wrong == []


TITLES = [
    ("2017年佳木斯市政府信息公开工作年度报告\n正文", "佳木斯市"),
    ("长沙市开福区2012年政府信息公开工作年度报告\n正文", "长沙市开福区"),
    ("潍坊市人民政府信息公开工作年度报告（2015年）\n正文", "潍坊市"),
    ("山西省人民政府外事办公室\n2021年政府信息公开工作年度报告\n一、总体情况", "山西省人民政府外事办公室"),
    ("北京市东城区人民政府东华门街道办事处2019年政府信息公开工作年度报告\n正文",
     "北京市东城区人民政府东华门街道办事处"),
    ("2020年政府信息公开工作年度报告\n本报告由两城镇人民政府党政办公室编制。", "两城镇人民政府党政办公室"),
    ("2021年政府信息公开工作年度报告\n本报告由北京市朝阳区人民政府办公室根据《条例》要求编制。",
     "北京市朝阳区人民政府办公室"),
    ("本溪市2019年政府信息公开工作年度报告", "本溪市"),
    ("2019年张掖市政府信息公开工作年度报告-张掖市人民政府\n正文", "张掖市"),
    (normalize("山西省人民政府外事辦公室\n2021年政府信息公開工作年度報告\n一、總體情況"),
     "山西省人民政府外事办公室"),
    ("长春市人民政府办公厅关于印发2020年政务公开工作要点的通知\n正文", "长春市人民政府办公厅"),
    ("二〇二三年嫩江市应急管理局政府信息公开工作年度报告\n正文", "嫩江市应急管理局"),
    ("您现在的位置:首页>政府信息公开>年度报告\n2022年度孟州市前进乡人民政府政府信息公开工作年报",
     "孟州市前进乡人民政府"),
    ("您现在的位置:首页>年度报告\n日期:2023-01-28  来源:孟州市前进乡  字号:大 中 小", "孟州市前进乡"),
    ("2020年政府信息公开工作年度报告\n本报告由我局编制。", None),
    ("2020年政府信息公开工作年度报告\n来源:新华网", None),
    ("首页 > 政务公开 > 年报\n2021年政府信息公开工作年度报告\n一、总体情况", None),
    ("关于印发2020年全市政务公开工作要点的通知\n由各单位编制", None),
    ("关于做好2021年政府信息公开工作年度报告编制和发布工作的通知\n各县区：", None),
]


@pytest.mark.parametrize(("text", "author"), TITLES)
def test_find_author(text, author):
    assert find_author(find_title(text), text) == author
