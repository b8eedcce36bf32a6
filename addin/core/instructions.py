"""The text of the 填表说明 sheet (filling-in instructions), generated from the sheet schemas.

The general notes, then which other workbooks the add-in reads (:data:`OTHER_LAYOUTS`: header rows, formats,
names), then one row per column of every input sheet: 列名, 是否必填, 类型/格式, 可选值 (with the older spellings
the add-in also accepts, ``x-aliases``), 说明 (the schema description, and the other header texts the column is
known by, ``x-column-aliases``); each sheet's title row gives its other names (``x-sheet-aliases``). Because the
text is derived from ``schemas/``, the instructions and the validation rules cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping

from addin.core.schema import FieldSpec, SheetSchema

TITLE = "双随机、一公开 工作簿 填表说明"
COLUMNS = ("列名", "是否必填", "类型/格式", "可选值", "说明")
SETTINGS_COLUMNS = ("项目", "是否必填", "类型/格式", "可选值", "说明")

GENERAL_NOTES = (
    "1. 工作表按名称识别，列按表头的列名识别：列的顺序可以调整，也可以增加自己的列（会被保留）。"
    "本模板请保持工作表名和列名不变。橙色列名为必填列。",
    "2. 代码列（统一社会信用代码、身份证号、执法证号、事项编码、任务编号、联系电话等）已设为文本格式，"
    "请保持文本格式，不要让 Excel 把代码变成数字（如 9.1E+17）。",
    "3. 可填多个值的单元格用顿号“、”分隔（也接受 ，,;； 和换行）。",
    "4. 日期请填写真实日期（如 2024-05-01）；文本形式的日期（如“2024年5月1日”）也能识别，但会给出警告。",
    "5. 比例填写 30% 或 0.3。",
    "6. 下拉列表给出标准写法；“可选值”栏中“也接受”后列出的旧写法同样能识别。",
    "7. 身份证号、联系电话、手机、信用风险分类和内部备注属于内部信息，不会出现在任何公示内容中。",
    "8. “设置”表为两列：项目 / 值。删去的项目取默认值。",
    "9. 本说明由程序根据 schemas/ 自动生成（ssj template），请勿手工修改。",
)

OTHER_LAYOUTS = (
    "已有的工作簿（不是用本模板填的）也能直接校验和导入：",
    "· 表头不必在第 1 行：上方的标题行、合并的标题、填报单位行都会跳过；两行表头（上一行是合并的分组名，如“基本信息”）"
    "按一行读取；序号列不作为数据。",
    "· 表头下的填写提示（必填、选填、格式：YYYY-MM-DD）、示例行（如“案例（请删除）”）、列序号行会被跳过，并在校验结果中列出。",
    "· 工作表可以用其他名称（见下方各表标题后的“也认”），名称完全不同（如 Sheet1）时按列识别，并说明识别的理由。",
    "· 列可以用常见的其他列名（见各列“说明”中的“也认列名”），如 企业名称、注册号/统一社会信用代码、执法证编号；"
    "两列对应同一标准列时报“列名冲突”，不会猜测。",
    "· 平台导出的取值（如登记状态“存续（在营、开业、在册）”、事项类别“一般检查事项”）自动换成标准写法。",
    "· 文件格式按内容识别：.xlsx/.xlsm、.xls（Excel 97-2003）、WPS 的 .et、.ods、XML 电子表格 2003，扩展名与内容不符也能读。",
    "· 多个文件（各股室分别维护的名录、平台导出、人员表、计划表）可用 ssj import（或“导入名录”按钮）合并成一个本模板格式的"
    "工作簿：每行注明来源文件和来源行，附“导入说明”和可修改后再次使用的“列名对照”。",
)

_CODE_PATTERNS = {
    "^[0-9A-Z]{1,64}$": "大写字母和数字",
    "^[0-9A-Z][0-9A-Z_.-]{0,63}$": "大写字母、数字和 - _ .",
}


def instruction_rows(schemas: Mapping[str, SheetSchema]) -> list[tuple[str, ...]]:
    """The rows of 填表说明: a title, the general notes, then one block per sheet (title, header, fields)."""
    rows: list[tuple[str, ...]] = [(TITLE,), ()]
    rows.extend((note,) for note in GENERAL_NOTES)
    rows.append(())
    rows.extend((note,) for note in OTHER_LAYOUTS)
    for schema in schemas.values():
        rows.append(())
        also = f"（也认：{'、'.join(schema.sheet_aliases)}）" if schema.sheet_aliases else ""
        rows.append((f"工作表：{schema.sheet}", schema.description + also))
        rows.append(SETTINGS_COLUMNS if schema.layout == "key-value" else COLUMNS)
        rows.extend(field_row(spec) for spec in schema.fields)
    return rows


def field_row(spec: FieldSpec) -> tuple[str, str, str, str, str]:
    return (spec.name, "是" if spec.required else "否", type_text(spec), values_text(spec), note_text(spec))


def type_text(spec: FieldSpec) -> str:
    """类型/格式: what kind of value the cell holds, in words a clerk understands."""
    parts: list[str] = []
    if spec.format == "uscc":
        parts.append("文本：18 位统一社会信用代码（校验位须正确），或 15 位旧注册号")
    elif spec.format == "idcard":
        parts.append("文本：18 位公民身份号码（校验位和出生日期须正确）")
    elif spec.format == "date":
        parts.append("日期，如 2024-05-01")
    elif spec.percent:
        parts.append("百分比，如 30% 或 0.3")
    elif spec.month_day:
        parts.append("月-日（MM-DD）")
    elif spec.type == "integer":
        bounds = f"，{_number(spec.minimum)}～{_number(spec.maximum)}" if spec.minimum is not None else ""
        parts.append("整数" + bounds)
    elif spec.type == "number":
        parts.append("数值")
    elif spec.enum:
        parts.append("从下拉列表选择")
    elif spec.pattern in _CODE_PATTERNS:
        parts.append("文本（编码）：" + _CODE_PATTERNS[spec.pattern])
    elif spec.text:
        parts.append("文本（保持文本格式）")
    else:
        parts.append("文本")
    if spec.multi:
        parts.append("可填多个，用顿号“、”分隔")
    if spec.default is not None:
        parts.append("默认 " + default_text(spec))
    return "；".join(parts)


def values_text(spec: FieldSpec) -> str:
    """可选值: the enumeration, then the aliases also accepted (别名 → 标准写法)."""
    if not spec.enum:
        return ""
    text = "、".join(spec.enum)
    if spec.aliases:
        text += "（也接受：" + "、".join(f"{alias}＝{value}" for alias, value in spec.aliases.items()) + "）"
    return text


def note_text(spec: FieldSpec) -> str:
    """说明: the schema description, plus a reminder when the column is internal and the text does not say so."""
    note = spec.description
    if spec.private and "公示" not in note:
        note += "（内部信息，不公示）"
    if spec.column_aliases:
        note += "也认列名：" + "、".join(spec.column_aliases) + "。"
    return note


def default_text(spec: FieldSpec) -> str:
    value = spec.default
    if spec.percent and isinstance(value, int | float):
        return f"{value * 100:g}%"
    return str(value)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"

