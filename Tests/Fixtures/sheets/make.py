#!/usr/bin/env python3
"""Makes the workbook fixtures of the sheet tests (Tests/PartyStoreTests/XLSXReaderTests.swift).

Run from this folder:  python3 make.py
Needs openpyxl (pip install openpyxl) and LibreOffice (Debian: libreoffice-calc-nogui). The files
are committed; run this again only to change them (then update the grids the tests expect).

  activities-openpyxl.xlsx      (a) by openpyxl: a merged title row, the header, branch cells merged
                                    over 2-3 rows, dates as serial numbers with date formats (one a
                                    date-time), a number stored as text ('12'), a blank row, a 合计 row
                                    and a footer row
  activities-libreoffice.xlsx   (b) by LibreOffice from activities-libreoffice.csv
  two-sheets.xlsx               (c) by openpyxl: 说明, 活动 and a hidden 旧数据; rich text, a boolean,
                                    an error value
  formulas-libreoffice.xlsx     (f) by LibreOffice from formulas-openpyxl.xlsx (openpyxl writes
                                    formulas without results; LibreOffice computes and keeps them)
  activities-utf16.txt          (d) "Unicode 文本" as Excel saves it: UTF-16LE, BOM, tabs, CRLF
  activities-legacy.xls         (e) by LibreOffice from activities-libreoffice.csv (Excel 97-2003)
"""
import codecs
import datetime
import os
import shutil
import subprocess
import tempfile

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, Side

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = ["序号", "支部", "类型", "日期", "标题", "地点", "主持人", "实到", "应到"]
TITLE = "示例研究院党委2026年三会一课台账"
FOOTER = "填表人：张三  审核人：李四"

# (branch, kind, date, date format, title, place, host, attended, expected); branch None = the
# merged cell above.
ROWS = [
    ("党政办公室党支部", "支部党员大会", datetime.date(2026, 1, 8), "yyyy-mm-dd", "传达学习全会精神", "三楼会议室", "王建国", 9, 10),
    (None, "支委会", datetime.date(2026, 1, 15), "yyyy/m/d", "研究年度工作计划", "三楼会议室", "王建国", 5, 5),
    (None, "党课", datetime.date(2026, 3, 5), "mm-dd-yy", "书记讲党课：牢记初心使命", "报告厅", "王建国", 10, 10),
    ("组织人事党支部", "党小组会", datetime.date(2026, 2, 10), 'yyyy"年"m"月"d"日"', "学习党章", "组织部办公室", "刘振华", 7, 7),
    (None, "支部党员大会", datetime.date(2026, 2, 20), 'yyyy"年"m"月"d"日"', "民主评议党员", "组织部办公室", "刘振华", 6, 7),
    ("机电工程系教工党支部", "主题党日", datetime.datetime(2026, 3, 15, 14, 30), "yyyy/m/d h:mm", "参观红色教育基地", "市革命纪念馆", "张海燕", "12", 19),
    (None, "党课", datetime.date(2026, 4, 2), "yyyy/m/d", "专题党课：新时代教师的使命", "实训楼 201", "张海燕", 17, 19),
    (None, "支委会", datetime.date(2026, 4, 9), "yyyy/m/d", "研究发展党员工作", "实训楼 201", "张海燕", 5, 5),
]


def activities_openpyxl(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "三会一课"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append([TITLE])
    ws.merge_cells(start_row=1, end_row=1, start_column=1, end_column=len(HEADER))
    ws["A1"].font = Font(size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(HEADER)
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.border = border
    first = None
    for i, (branch, kind, day, fmt, title, place, host, came, due) in enumerate(ROWS):
        r = ws.max_row + 1
        ws.append([i + 1, branch, kind, day, title, place, host, came, due])
        ws.cell(row=r, column=4).number_format = fmt
        if branch is not None:
            if first is not None and r - 1 > first:
                ws.merge_cells(start_row=first, end_row=r - 1, start_column=2, end_column=2)
            first = r
        for c in range(1, len(HEADER) + 1):
            ws.cell(row=r, column=c).border = border
    last = ws.max_row
    ws.merge_cells(start_row=first, end_row=last, start_column=2, end_column=2)
    # A blank row that only has borders (a person sees an empty row).
    blank = last + 1
    for c in range(1, len(HEADER) + 1):
        ws.cell(row=blank, column=c).border = border
    total = blank + 1
    ws.cell(row=total, column=1, value="合计")
    ws.merge_cells(start_row=total, end_row=total, start_column=1, end_column=7)
    ws.cell(row=total, column=8, value=sum(int(r[7]) for r in ROWS))
    ws.cell(row=total, column=9, value=sum(r[8] for r in ROWS))
    ws.cell(row=total + 2, column=1, value=FOOTER)
    ws.column_dimensions["B"].width = 22
    ws.column_dimensions["E"].width = 30
    wb.save(path)


def csv_text():
    """The same sheet as a person types it into a CSV: no merges, the branch only on its first row."""
    lines = [TITLE + "," * (len(HEADER) - 1), ",".join(HEADER)]
    for i, (branch, kind, day, fmt, title, place, host, came, due) in enumerate(ROWS):
        d = day.strftime("%Y-%m-%d %H:%M") if isinstance(day, datetime.datetime) else day.isoformat()
        lines.append(",".join(str(x) for x in [i + 1, branch or "", kind, d, title, place, host, came, due]))
    lines.append("合计,,,,,,," + str(sum(int(r[7]) for r in ROWS)) + "," + str(sum(r[8] for r in ROWS)))
    lines.append(FOOTER + "," * (len(HEADER) - 1))
    return "\r\n".join(lines) + "\r\n"


def two_sheets(path):
    wb = Workbook()
    notes = wb.active
    notes.title = "说明"
    notes.append(["本工作簿的第二张表是活动台账"])
    rich = CellRichText(["请勿修改", TextBlock(InlineFont(b=True, color="FF0000"), "表头"), "，日期用 2026-03-05 的形式"])
    notes.append([rich])
    notes.append(["已核对", True])
    notes.append(["未核对", False])
    notes.append(["查找结果", "#N/A"])
    act = wb.create_sheet("活动")
    act.append(["支部", "类型", "日期", "标题", "学时", "实到", "应到", "备注"])
    act.append(["党政办公室党支部", "党课", datetime.date(2026, 5, 12), "五月党课", 1.5, 9, 10, None])
    act["C2"].number_format = "yyyy-mm-dd"
    act.append(["离退休党支部", "主题党日", datetime.date(2026, 5, 20), "重温入党誓词", None, 88, 102, "在党员活动室\n(多行备注)"])
    act["C3"].number_format = "yyyy-mm-dd"
    old = wb.create_sheet("旧数据")
    old.append(["旧的数据, 已隐藏"])
    old.sheet_state = "hidden"
    wb.save(path)


def formulas_openpyxl(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "公式"
    ws.append(["支部", "实到", "应到", "出席率", "说明", "查找"])
    ws.append(["党政办公室党支部", 9, 10, "=B2/C2", '=IF(B2>=C2,"全到","缺"&(C2-B2)&"人")', "=NA()"])
    ws.append(["组织人事党支部", 7, 7, "=B3/C3", '=IF(B3>=C3,"全到","缺"&(C3-B3)&"人")', "=B3>C3"])
    ws.append(["合计", "=SUM(B2:B3)", "=SUM(C2:C3)", "=B4/C4", '=TEXT(DATE(2026,3,5),"yyyy-mm-dd")', "=DATE(2026,3,5)"])
    ws["F4"].number_format = "yyyy-mm-dd"
    wb.save(path)


def libreoffice(*args, outdir=HERE):
    """LibreOffice with a profile of its own (two runs at once would share the user's)."""
    profile = tempfile.mkdtemp(prefix="lo-fixtures-")
    try:
        cmd = ["libreoffice", "-env:UserInstallation=file://" + profile, "--headless"] + list(args) + ["--outdir", outdir]
        print(" ".join(cmd))
        subprocess.run(cmd, check=True, cwd=HERE, stdout=subprocess.DEVNULL)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def main():
    os.chdir(HERE)
    activities_openpyxl("activities-openpyxl.xlsx")
    with open("activities-libreoffice.csv", "w", encoding="utf-8", newline="") as f:
        f.write(csv_text())
    # Comma-separated, ", UTF-8 (76), from line 1; column 4 (日期) read as Y-M-D (5).
    libreoffice("--infilter=CSV:44,34,76,1,4/5", "--convert-to", "xlsx", "activities-libreoffice.csv")
    libreoffice("--infilter=CSV:44,34,76,1,4/5", "--convert-to", "xls", "activities-libreoffice.csv")
    os.replace("activities-libreoffice.xls", "activities-legacy.xls")
    two_sheets("two-sheets.xlsx")
    formulas_openpyxl("formulas-openpyxl.xlsx")
    os.makedirs("lo-out", exist_ok=True)
    libreoffice("--convert-to", "xlsx", "formulas-openpyxl.xlsx", outdir=os.path.join(HERE, "lo-out"))
    os.replace(os.path.join("lo-out", "formulas-openpyxl.xlsx"), "formulas-libreoffice.xlsx")
    os.rmdir("lo-out")
    # Excel's "Unicode 文本": UTF-16LE with a byte order mark, tab-separated, CRLF; a cell with a tab,
    # a quote or a line break quoted as in CSV.
    rows = [[TITLE], HEADER]
    for i, (branch, kind, day, fmt, title, place, host, came, due) in enumerate(ROWS):
        d = day.strftime("%Y/%-m/%-d %-H:%M") if isinstance(day, datetime.datetime) else day.strftime("%Y/%-m/%-d")
        rows.append([str(i + 1), branch or "", kind, d, title, place, host, str(came), str(due)])
    rows.append(["备注", "", "", "", '含"引号"与\n换行的标题'])
    text = "\r\n".join("\t".join('"' + c.replace('"', '""') + '"' if any(x in c for x in '\t"\n') else c for c in row) for row in rows) + "\r\n"
    with open("activities-utf16.txt", "wb") as f:
        f.write(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))


if __name__ == "__main__":
    main()
