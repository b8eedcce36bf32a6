Attribute VB_Name = "SsjRibbon"
'
' ssj-addin: the one dispatcher behind every button of the ribbon tab.
'
' Every button's onAction is SsjOnAction; the button's id names the Python handler, so a new button
' never needs a change here. The dispatcher runs, without cmd.exe (WScript.Shell.Run, hidden, waiting
' for the exit code):
'     "<python>" -P -m addin.ribbon <button-id> "--wb=<book name>" --from_xl=1 "--app=<EXCEL.EXE>"
'         --hwnd=<window> "--log=<log file>" "--msg=<message file>"
' (--wb, --from_xl and --hwnd are what xlwings.Book.caller() reads), then shows the message Python wrote.
' Python writes its errors (stderr) to the log file under %LOCALAPPDATA%\ssj-addin\logs.
'
' Settings come only from this add-in's hidden sheet (code name SsjSettings) and from the user's
' %APPDATA%\ssj-addin\settings.ini - never from the active workbook or its folder: a workbook sent in
' by someone else cannot choose which program runs. The child's working folder is the log folder, and
' -P keeps Python from importing modules from it.
'
' ASCII only: Chinese text is built at run time by Zh() from UTF-16 code points (hex).
' Option Private Module: the helpers are private to this VBA project - no macro in the Macros dialog and no
' worksheet function of other workbooks; the ribbon still calls SsjOnAction (callbacks resolve in the project).
Option Explicit
Option Private Module

Private Const SETTINGS_CODENAME As String = "SsjSettings"
Private Const USER_SETTINGS As String = "\ssj-addin\settings.ini"
Private Const LOG_FOLDER As String = "\ssj-addin\logs"
Private Const DEFAULT_PYTHON As String = "%LOCALAPPDATA%\ssj-addin\venv\Scripts\pythonw.exe"
Private Const EXIT_OK As Long = 0
Private Const EXIT_ISSUES As Long = 1
Private Const XL_WAIT As Long = 2
Private Const XL_DEFAULT As Long = -4143

' Chinese messages (see tests/excel/test_vba_source.py for the text of each).
Private Const M_TITLE As String = "53CC 968F 673A"
Private Const M_SETTINGS_SHEET As String = "52A0 8F7D 9879 8BBE 7F6E"
Private Const M_NO_PYTHON As String = "627E 4E0D 5230 0020 0050 0079 0074 0068 006F 006E 0020 7A0B 5E8F FF1A"
Private Const M_HINT As String = "8BF7 8054 7CFB 4FE1 606F 79D1 6309 5B89 88C5 8BF4 660E 8BBE 7F6E 0020 0050 0079 0074 0068 006F 006E 0020 7684 4F4D 7F6E FF1A"
Private Const M_NOT_STARTED As String = "65E0 6CD5 542F 52A8 0020 0050 0079 0074 0068 006F 006E FF1A"
Private Const M_FAILED As String = "8FD0 884C 5931 8D25 FF08 9000 51FA 4EE3 7801 0020"
Private Const M_SEE_LOG As String = "FF09 3002 8BE6 7EC6 4FE1 606F 89C1 65E5 5FD7 FF1A"
Private Const M_NO_LOG As String = "65E5 5FD7 6587 4EF6 4E0D 5B58 5728 FF1A 0050 0079 0074 0068 006F 006E 0020 6CA1 80FD 52A0 8F7D 0020 0073 0073 006A 002D 0061 0064 0064 0069 006E FF0C 8BF7 68C0 67E5 5B89 88C5 3002"
Private Const M_BAD_NAME As String = "5DE5 4F5C 7C3F 6587 4EF6 540D 4E2D 542B 6709 201C 003D 201D 6216 5F15 53F7 FF0C 8BF7 6539 540D 540E 518D 8BD5 3002"
Private Const M_DONE As String = "5DF2 5B8C 6210 3002"

' Ribbon callback. Late bound (As Object): no reference to the Office type library is needed.
Public Sub SsjOnAction(control As Object)
    SsjRun CStr(control.Id)
End Sub

' Runs the Python handler of one button on the active workbook and reports the outcome.
Public Sub SsjRun(ByVal buttonId As String)
    Dim python As String, logDir As String, stamp As String, logPath As String, msgPath As String
    Dim wbName As String, cmd As String, text As String, code As Long, icon As Long, shell As Object

    If Not IsButtonId(buttonId) Then Exit Sub
    python = PythonPath()
    If Not IsAbsolutePath(python) Then
        Report Zh(M_NO_PYTHON) & python & vbCrLf & Zh(M_HINT) & vbCrLf & "%APPDATA%" & USER_SETTINGS, vbCritical
        Exit Sub
    End If
    If Len(Dir$(python)) = 0 Then
        Report Zh(M_NO_PYTHON) & python & vbCrLf & Zh(M_HINT) & vbCrLf & "%APPDATA%" & USER_SETTINGS, vbCritical
        Exit Sub
    End If
    If Not ActiveWorkbook Is Nothing Then
        wbName = ActiveWorkbook.Name
        If InStr(wbName, "=") > 0 Or InStr(wbName, Chr$(34)) > 0 Then
            Report Zh(M_BAD_NAME), vbExclamation
            Exit Sub
        End If
    End If
    logDir = Environ$("LOCALAPPDATA")
    If Len(logDir) = 0 Then logDir = Environ$("TEMP")
    logDir = logDir & LOG_FOLDER
    MakeFolders logDir
    stamp = Format$(Now, "yyyymmdd-hhnnss")
    logPath = logDir & "\" & stamp & "-" & buttonId & ".log"
    msgPath = logDir & "\" & stamp & "-" & buttonId & ".msg"
    cmd = SsjCommandLine(python, buttonId, wbName, Application.Path & "\EXCEL.EXE", _
                         CStr(Application.Hwnd), logPath, msgPath)

    On Error GoTo StartFailed
    Set shell = CreateObject("WScript.Shell")
    shell.CurrentDirectory = logDir
    Application.Cursor = XL_WAIT
    code = shell.Run(cmd, 0, True)
    Application.Cursor = XL_DEFAULT
    On Error GoTo 0

    text = ReadTextFile(msgPath)
    If Len(Dir$(msgPath)) > 0 Then Kill msgPath
    text = SsjVerdict(code, text, logPath, Len(Dir$(logPath)) > 0, icon)
    Report text, icon
    Exit Sub
StartFailed:
    Application.Cursor = XL_DEFAULT
    Report Zh(M_NOT_STARTED) & python & vbCrLf & Err.Description, vbCritical
End Sub

' The message and icon for a run's exit code (a pure function: the self-test checks it). Exit 1 with a
' message is "done, the workbook has errors"; exit 1 without one is Python itself failing.
Public Function SsjVerdict(ByVal code As Long, ByVal text As String, ByVal logPath As String, _
        ByVal logExists As Boolean, ByRef icon As Long) As String
    If code = EXIT_OK Then
        icon = vbInformation
        If Len(text) = 0 Then text = Zh(M_DONE)
    ElseIf code = EXIT_ISSUES And Len(text) > 0 Then
        icon = vbExclamation
    Else
        icon = vbCritical
        If Len(text) > 0 Then text = text & vbCrLf & vbCrLf
        text = text & Zh(M_FAILED) & CStr(code) & Zh(M_SEE_LOG) & vbCrLf & logPath
        If Not logExists Then text = text & vbCrLf & Zh(M_NO_LOG)
    End If
    SsjVerdict = text
End Function

' The command line of one run (a pure function: the self-test and the tests check it).
Public Function SsjCommandLine(ByVal python As String, ByVal buttonId As String, ByVal wbName As String, _
        ByVal excelPath As String, ByVal hwnd As String, ByVal logPath As String, _
        ByVal msgPath As String) As String
    Dim s As String
    s = Quoted(python) & " -P -m addin.ribbon " & buttonId
    If Len(wbName) > 0 Then
        s = s & " " & Quoted("--wb=" & wbName) & " --from_xl=1 " & Quoted("--app=" & excelPath) _
              & " --hwnd=" & hwnd
    End If
    SsjCommandLine = s & " " & Quoted("--log=" & logPath) & " " & Quoted("--msg=" & msgPath)
End Function

' Which pythonw.exe to run: the user's settings file, else the add-in's hidden sheet, else the
' default virtual environment made by the offline installer.
Private Function PythonPath() As String
    Dim p As String
    p = SettingFrom(ReadTextFile(Environ$("APPDATA") & USER_SETTINGS), "python")
    If Len(p) = 0 Then p = SheetSetting("python")
    If Len(p) = 0 Then p = DEFAULT_PYTHON
    PythonPath = ExpandVars(p)
End Function

' A value of the add-in's own hidden settings sheet (column A key, column B value).
Public Function SheetSetting(ByVal key As String) As String
    Dim ws As Object, cells As Variant, r As Long
    For Each ws In ThisWorkbook.Worksheets
        If ws.CodeName = SETTINGS_CODENAME Or ws.Name = Zh(M_SETTINGS_SHEET) Then
            cells = ws.Range("A1:B60").Value
            For r = 1 To 60
                If LCase$(Trim$(CStr(cells(r, 1)))) = LCase$(key) Then
                    SheetSetting = Trim$(CStr(cells(r, 2)))
                    Exit Function
                End If
            Next r
        End If
    Next ws
End Function

' The value of "key = value" in a settings text (lines starting with # or ; are comments).
Public Function SettingFrom(ByVal text As String, ByVal key As String) As String
    Dim lines() As String, i As Long, line As String, eq As Long
    lines = Split(Replace(text, vbCr, vbLf), vbLf)
    For i = LBound(lines) To UBound(lines)
        line = Trim$(lines(i))
        eq = InStr(line, "=")
        If eq > 1 And Left$(line, 1) <> "#" And Left$(line, 1) <> ";" Then
            If LCase$(Trim$(Left$(line, eq - 1))) = LCase$(key) Then
                SettingFrom = Trim$(Mid$(line, eq + 1))
                Exit Function
            End If
        End If
    Next i
End Function

' %NAME% replaced by the environment variable NAME.
Private Function ExpandVars(ByVal s As String) As String
    Dim a As Long, b As Long
    a = InStr(s, "%")
    Do While a > 0
        b = InStr(a + 1, s, "%")
        If b = 0 Then Exit Do
        s = Left$(s, a - 1) & Environ$(Mid$(s, a + 1, b - a - 1)) & Mid$(s, b + 1)
        a = InStr(s, "%")
    Loop
    ExpandVars = s
End Function

Public Function IsButtonId(ByVal s As String) As Boolean
    Dim i As Long, c As String
    If Len(s) = 0 Or Len(s) > 32 Then Exit Function
    For i = 1 To Len(s)
        c = Mid$(s, i, 1)
        If InStr("abcdefghijklmnopqrstuvwxyz0123456789_", c) = 0 Then Exit Function
    Next i
    IsButtonId = True
End Function

Private Function IsAbsolutePath(ByVal p As String) As Boolean
    Dim i As Long
    For i = 1 To Len(p)
        If InStr(Chr$(34) & "*?<>|", Mid$(p, i, 1)) > 0 Then Exit Function
    Next i
    IsAbsolutePath = (p Like "[A-Za-z]:\*") Or (Left$(p, 2) = "\\")
End Function

Private Function Quoted(ByVal s As String) As String
    Quoted = Chr$(34) & s & Chr$(34)
End Function

Private Sub MakeFolders(ByVal path As String)
    Dim parts() As String, i As Long, sofar As String
    parts = Split(path, "\")
    sofar = parts(0)
    For i = 1 To UBound(parts)
        sofar = sofar & "\" & parts(i)
        If Len(Dir$(sofar, vbDirectory)) = 0 Then
            On Error Resume Next
            MkDir sofar
            On Error GoTo 0
        End If
    Next i
End Sub

Private Sub Report(ByVal text As String, ByVal icon As Long)
    MsgBox text, icon, Zh(M_TITLE)
End Sub

' The text of a small file: UTF-16 (with BOM), else UTF-8, else the ANSI code page; "" if missing.
Private Function ReadTextFile(ByVal path As String) As String
    Dim f As Integer, n As Long, b() As Byte
    If Len(path) = 0 Then Exit Function
    If Len(Dir$(path)) = 0 Then Exit Function
    f = FreeFile
    Open path For Binary Access Read As #f
    n = LOF(f)
    If n > 0 Then
        ReDim b(0 To n - 1)
        Get #f, , b
    End If
    Close #f
    If n = 0 Then Exit Function
    ReadTextFile = DecodeBytes(b, n)
End Function

Public Function DecodeBytes(b() As Byte, ByVal n As Long) As String
    Dim i As Long, s As String, ok As Boolean
    If n >= 2 Then
        If b(0) = &HFF And b(1) = &HFE Then
            For i = 2 To n - 2 Step 2
                s = s & ChrW(b(i) + 256& * b(i + 1))
            Next i
            DecodeBytes = s
            Exit Function
        End If
    End If
    s = Utf8(b, n, ok)
    If ok Then
        DecodeBytes = s
    Else
        DecodeBytes = StrConv(b, vbUnicode)
    End If
End Function

' Decodes UTF-8 (BMP only, BOM skipped); ok = False when the bytes are not UTF-8.
Private Function Utf8(b() As Byte, ByVal n As Long, ok As Boolean) As String
    Dim i As Long, c As Long, s As String
    i = 0
    If n >= 3 Then
        If b(0) = &HEF And b(1) = &HBB And b(2) = &HBF Then i = 3
    End If
    Do While i < n
        c = b(i)
        If c < &H80 Then
            i = i + 1
        ElseIf (c And &HE0) = &HC0 And i + 1 < n Then
            If (b(i + 1) And &HC0) <> &H80 Then Exit Function
            c = (c And &H1F) * 64& + (b(i + 1) And &H3F)
            i = i + 2
        ElseIf (c And &HF0) = &HE0 And i + 2 < n Then
            If (b(i + 1) And &HC0) <> &H80 Or (b(i + 2) And &HC0) <> &H80 Then Exit Function
            c = (c And &HF) * 4096& + (b(i + 1) And &H3F) * 64& + (b(i + 2) And &H3F)
            i = i + 3
        Else
            Exit Function
        End If
        s = s & ChrW(c)
    Loop
    ok = True
    Utf8 = s
End Function

' "53CC 968F" -> the characters U+53CC U+968F.
Public Function Zh(ByVal codes As String) As String
    Dim parts() As String, i As Long, j As Long, v As Long, s As String
    parts = Split(codes, " ")
    For i = LBound(parts) To UBound(parts)
        If Len(parts(i)) > 0 Then
            v = 0
            For j = 1 To Len(parts(i))
                v = v * 16 + InStr("0123456789ABCDEF", UCase$(Mid$(parts(i), j, 1))) - 1
            Next j
            s = s & ChrW(v)
        End If
    Next i
    Zh = s
End Function
