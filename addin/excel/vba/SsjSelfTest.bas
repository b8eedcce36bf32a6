Attribute VB_Name = "SsjSelfTest"
'
' ssj-addin: a self-test of the dispatcher's pure parts, run without starting anything.
'
' SsjRunSelfTest writes its results into A10:B20 of this add-in's first sheet (the info sheet); the
' Linux tests run it in LibreOffice and compare the cells. In Excel, type ?SsjSelfTestReport() in the
' Immediate window of the VBA editor, or ?Application.Run("'ssj-addin.xlam'!SsjSelfTestReport") - the
' entry points are named unlike their module, so Application.Run finds them (docs/manual-test-windows.md).
' Option Private Module: nothing here is a macro or a worksheet function of other workbooks.
Option Explicit
Option Private Module

Private Const CHECKS As Long = 11

Public Function SsjSelfTestReport() As String
    Dim i As Long, s As String
    For i = 0 To CHECKS - 1
        s = s & CStr(i) & ": " & SelfTestValue(i) & vbLf
    Next i
    SsjSelfTestReport = s
End Function

Public Sub SsjRunSelfTest()
    Dim i As Long, ws As Object
    Set ws = ThisWorkbook.Worksheets(1)
    For i = 0 To CHECKS - 1
        ws.Cells(10 + i, 1).Value = "selftest." & CStr(i)
        ws.Cells(10 + i, 2).Value = SelfTestValue(i)
    Next i
End Sub

Private Function SelfTestValue(ByVal i As Long) As String
    Dim b(0 To 5) As Byte, icon As Long, v As String
    Select Case i
        Case 0
            SelfTestValue = "ok"
        Case 1
            SelfTestValue = SheetSetting("version")
        Case 2
            SelfTestValue = SsjCommandLine("C:\ssj\venv\Scripts\pythonw.exe", "validate", "Book 1.xlsx", _
                                           "C:\Office\EXCEL.EXE", "4242", "C:\logs\a.log", "C:\logs\a.msg")
        Case 3
            SelfTestValue = Zh("53CC 968F 673A")
        Case 4
            If IsButtonId("validate") And Not IsButtonId("x y") And Not IsButtonId("") Then SelfTestValue = "yes"
        Case 5
            SelfTestValue = SettingFrom("# comment" & vbCrLf & "python = C:\p\pythonw.exe" & vbCrLf & "x=1", _
                                        "PYTHON")
        Case 6
            b(0) = &HE8: b(1) = &HB7: b(2) = &HAF: b(3) = &HE5: b(4) = &HBE: b(5) = &H84
            SelfTestValue = DecodeBytes(b, 6)
        Case 7
            v = SsjVerdict(1, "", "C:\l.log", False, icon)
            SelfTestValue = CStr(icon) & "|" & Replace(v, vbCrLf, " / ")
        Case 8
            v = SsjVerdict(1, "found 2", "C:\l.log", True, icon)
            SelfTestValue = CStr(icon) & "|" & Replace(v, vbCrLf, " / ")
        Case 9
            v = SsjVerdict(0, "", "C:\l.log", True, icon)
            SelfTestValue = CStr(icon) & "|" & Replace(v, vbCrLf, " / ")
        Case 10
            v = SsjVerdict(3, "boom", "C:\l.log", True, icon)
            SelfTestValue = CStr(icon) & "|" & Replace(v, vbCrLf, " / ")
    End Select
End Function
