#!/usr/bin/env python3
"""Makes the CSV fixtures the way offices make them: a workbook written by openpyxl (a title merged
across the top, a branch merged over its rows, a 合计 row, a footer, blank rows, full-width digits,
序号), saved as CSV by LibreOffice Calc in GB18030 (charset 85) and UTF-8 (76). The records each
should import as are written out by hand in Tests/PartyStoreTests/RealSheetFixtureTests.swift.

Run from this folder: python3 make.py (needs openpyxl and libreoffice-calc-nogui). The CSVs are
committed; tests read them, not this script."""
import datetime, os, shutil, subprocess, tempfile
import openpyxl
from openpyxl.styles import Alignment, Font

def activities(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "三会一课"
    ws.append(["测试党委2026年第一季度三会一课台账"])
    ws.merge_cells("A1:I1")
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(["填报单位：第一党总支", None, None, None, None, None, "填报日期：2026年4月2日"])
    ws.append([])
    ws.append(["序号", "支  部", "会议类型", "召开时间", "会议主题", "地点", "主持人", "实到人数（人）", "应到人数"])
    rows = [
        [1, "一支部", "党员大会", datetime.date(2026, 1, 9), "学习全会精神", "党员活动室", "张三", "１１", 12],
        [2, None, "支部委员会", "2026.1.15", "研究发展党员工作", "书记办公室", "张三", 3, 3],
        [3, None, "讲党课", "2026年2月26日 14:30", "书记讲党课", "党员活动室", "李四", "11人", "12人"],
        [4, None, "主题党日活动", datetime.datetime(2026, 3, 5, 9, 0), "学雷锋志愿服务", "社区服务站", "张三", 10, 12],
        [None, None, None, None, None, None, None, None, None],
        [5, "二支部", "党员大会", "2026/3/12", "第一季度党员大会", "会议室", "赵六", 5, 5],
        [6, None, "党小组会", "2026-03-19", "小组学习", None, None, "４", 5],
    ]
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows(min_row=5, max_row=11, min_col=4, max_col=4):
        for c in row:
            if isinstance(c.value, (datetime.date, datetime.datetime)):
                c.number_format = "yyyy/m/d"
    ws.merge_cells("B5:B8")    # 一支部 over its four rows
    ws.merge_cells("B10:B11")  # 二支部 over its two
    ws.append(["合  计", None, None, None, None, None, None, "=SUM(H5:H11)", None])
    ws.append([])
    ws.append(["填表人：王五", None, None, "审核人：张三", None, None, "联系电话：0000-1234567"])
    wb.save(path)

def roster(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["测试党委党员花名册"])
    ws.merge_cells("A1:G1")
    ws.append(["序号", "姓名", "所在支部", "党员类别", "党内职务", "入党时间", "备注"])
    for r in [
        [1, "孙八", "一支部", "正式党员", "组织委员", "2001.7.1", None],
        [2, "周九", None, "预备党员", None, datetime.date(2025, 12, 20), "预备期至2026年12月"],
        [3, "吴十", "二支部", "正式", "支部书记", "1998年6月30日", None],
    ]:
        ws.append(r)
    ws["F4"].number_format = "yyyy-mm-dd"
    ws.merge_cells("C3:C4")
    ws.append(["注：党员类别填正式党员或预备党员"])
    wb.save(path)

def convert(xlsx, charset, out):
    profile = tempfile.mkdtemp(prefix="lo-")
    outdir = tempfile.mkdtemp(prefix="lo-out-")
    subprocess.run(["libreoffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                    f"csv:Text - txt - csv (StarCalc):44,34,{charset}", xlsx, "--outdir", outdir], check=True, capture_output=True)
    produced = os.path.join(outdir, os.path.splitext(os.path.basename(xlsx))[0] + ".csv")
    shutil.move(produced, out)
    shutil.rmtree(profile, ignore_errors=True)
    shutil.rmtree(outdir, ignore_errors=True)

if __name__ == "__main__":
    work = tempfile.mkdtemp()
    a, r = os.path.join(work, "activities.xlsx"), os.path.join(work, "roster.xlsx")
    activities(a)
    roster(r)
    convert(a, 85, "activities-gb18030.csv")   # 85: GB18030 in LibreOffice's numbering
    convert(a, 76, "activities-utf8.csv")      # 76: UTF-8
    convert(r, 85, "roster-gb18030.csv")
    shutil.rmtree(work)
