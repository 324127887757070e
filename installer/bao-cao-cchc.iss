; Báo cáo CCHC — Windows installer (Inno Setup 6.3 or newer). See docs/windows.md.
;
; Builds from the PyInstaller folder dist\bao-cao-cchc (make the bundle first, on Windows):
;     ISCC.exe installer\bao-cao-cchc.iss
; or, to name the version yourself:
;     ISCC.exe /DAppVersion=0.1.0 installer\bao-cao-cchc.iss
; Output: dist\bao-cao-cchc-<version>-windows-setup.exe
;
; The installer installs for the current user only (no administrator rights, into
; %LOCALAPPDATA%\Programs\BaoCaoCCHC); an administrator can choose "all users" in the first
; dialog. It adds Start-menu shortcuts (the program, the command line, the uninstaller), an
; optional desktop shortcut, and an uninstaller in Settings → Apps. Uninstalling removes the
; program only: the reports, keys and signed documents in %LOCALAPPDATA%\BaoCaoCCHC stay.
; Messages are in Vietnamese (chosen first) and English.
;
; This file is UTF-8 with a byte-order mark, which Inno Setup 6 needs for Vietnamese text.

#define AppName "Báo cáo CCHC"
#define AppExe "bao-cao-cchc.exe"
#define CliExe "cchc.exe"
; ISPP functions below need a full path; [Setup] and [Files] paths are relative to this folder.
#define BundleDir AddBackslash(SourcePath) + "..\dist\bao-cao-cchc"
#ifndef AppVersion
  ; the version build.spec wrote into the executable (from reports.__version__)
  #define AppVersion GetStringFileInfo(BundleDir + "\" + AppExe, "ProductVersion")
#endif
#if AppVersion == ""
  #error "No version: build dist\bao-cao-cchc first (see docs\windows.md) or pass /DAppVersion=x.y.z"
#endif

[Setup]
; AppId identifies the program for upgrades and the uninstaller: never change it.
AppId={{FE62FA7F-2363-4575-8C64-7150C5EC17B8}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
AppComments=Báo cáo cải cách hành chính cấp xã / commune administrative-reform reports
VersionInfoVersion={#AppVersion}
; Per-user install without administrator rights; {autopf} is then %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\BaoCaoCCHC
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
; 64-bit only: the bundle is built with 64-bit Python. Qt 6 needs Windows 10 1809 or newer.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
; One small download: LZMA2, solid.
Compression=lzma2/max
SolidCompression=yes
LZMAUseSeparateProcess=yes
OutputDir=..\dist
OutputBaseFilename=bao-cao-cchc-{#AppVersion}-windows-setup
WizardStyle=modern
; Vietnamese is preselected; the first dialog lets the user switch to English.
ShowLanguageDialog=yes
LanguageDetectionMethod=none
; Close a running copy before files are replaced (an upgrade over a running program).
CloseApplications=yes
RestartApplications=no
SetupLogging=yes
#if FileExists(AddBackslash(SourcePath) + "..\resources\icons\app.ico")
SetupIconFile=..\resources\icons\app.ico
#endif

[Languages]
; Inno Setup ships no official Vietnamese translation. If installer\Vietnamese.isl exists (the
; community translation from https://jrsoftware.org/files/istrans/), it is used; either way the
; messages a user reads on every page are translated below, under [Messages].
#if FileExists(AddBackslash(SourcePath) + "Vietnamese.isl")
Name: "vi"; MessagesFile: "Vietnamese.isl"
#else
Name: "vi"; MessagesFile: "compiler:Default.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[LangOptions]
vi.LanguageName=Tiếng Việt
vi.LanguageID=$042A
vi.LanguageCodePage=0

[Messages]
vi.SetupAppTitle=Cài đặt
vi.SetupWindowTitle=Cài đặt - %1
vi.UninstallAppTitle=Gỡ cài đặt
vi.UninstallAppFullTitle=Gỡ cài đặt %1
vi.SelectLanguageTitle=Chọn ngôn ngữ cài đặt
vi.SelectLanguageLabel=Chọn ngôn ngữ dùng trong khi cài đặt.
vi.ButtonBack=< &Quay lại
vi.ButtonNext=&Tiếp theo >
vi.ButtonInstall=&Cài đặt
vi.ButtonOK=Đồng ý
vi.ButtonCancel=Hủy
vi.ButtonYes=&Có
vi.ButtonYesToAll=Có với &tất cả
vi.ButtonNo=&Không
vi.ButtonNoToAll=K&hông với tất cả
vi.ButtonFinish=&Hoàn tất
vi.ButtonBrowse=&Chọn thư mục...
vi.ButtonWizardBrowse=C&họn thư mục...
vi.ExitSetupTitle=Thoát cài đặt
vi.ExitSetupMessage=Chương trình chưa được cài xong. Nếu thoát bây giờ, chương trình sẽ không được cài.%n%nBạn có thể chạy lại tệp cài đặt lúc khác.%n%nThoát cài đặt?
vi.PrivilegesRequiredOverrideTitle=Chọn cách cài đặt
vi.PrivilegesRequiredOverrideInstruction=Cài cho ai dùng?
vi.PrivilegesRequiredOverrideText1=%1 có thể cài cho mọi người dùng máy này (cần quyền quản trị) hoặc chỉ cho bạn.
vi.PrivilegesRequiredOverrideText2=%1 có thể cài chỉ cho bạn, hoặc cho mọi người dùng máy này (cần quyền quản trị).
vi.PrivilegesRequiredOverrideAllUsers=Cài cho &mọi người dùng
vi.PrivilegesRequiredOverrideAllUsersRecommended=Cài cho &mọi người dùng (khuyên dùng)
vi.PrivilegesRequiredOverrideCurrentUser=Chỉ cài cho &tôi
vi.PrivilegesRequiredOverrideCurrentUserRecommended=Chỉ cài cho &tôi (khuyên dùng)
vi.WelcomeLabel1=Chào mừng bạn đến với trình cài đặt [name]
vi.WelcomeLabel2=Trình này sẽ cài [name/ver] vào máy tính.%n%nNên đóng các chương trình khác trước khi tiếp tục.
vi.ClickNext=Bấm Tiếp theo để tiếp tục, hoặc Hủy để thoát.
vi.WizardSelectDir=Chọn thư mục cài đặt
vi.SelectDirDesc=Cài [name] vào đâu?
vi.SelectDirLabel3=Chương trình sẽ được cài vào thư mục dưới đây.
vi.SelectDirBrowseLabel=Bấm Tiếp theo để tiếp tục. Muốn chọn thư mục khác, bấm Chọn thư mục.
vi.DiskSpaceGBLabel=Cần ít nhất [gb] GB dung lượng trống.
vi.DiskSpaceMBLabel=Cần ít nhất [mb] MB dung lượng trống.
vi.WizardSelectTasks=Chọn việc cần làm thêm
vi.SelectTasksDesc=Làm thêm những việc nào?
vi.SelectTasksLabel2=Chọn những việc trình cài đặt làm thêm khi cài [name], rồi bấm Tiếp theo.
vi.WizardReady=Sẵn sàng cài đặt
vi.ReadyLabel1=Đã sẵn sàng cài [name] vào máy tính.
vi.ReadyLabel2a=Bấm Cài đặt để bắt đầu, hoặc Quay lại để xem lại hay đổi lựa chọn.
vi.ReadyLabel2b=Bấm Cài đặt để bắt đầu.
vi.ReadyMemoDir=Thư mục cài đặt:
vi.ReadyMemoTasks=Việc làm thêm:
vi.WizardPreparing=Đang chuẩn bị cài đặt
vi.PreparingDesc=Đang chuẩn bị cài [name] vào máy tính.
vi.ApplicationsFound=Những chương trình sau đang dùng tệp cần thay. Nên để trình cài đặt tự đóng chúng.
vi.ApplicationsFound2=Những chương trình sau đang dùng tệp cần thay. Nên để trình cài đặt tự đóng chúng. Cài xong, trình cài đặt sẽ thử mở lại.
vi.CloseApplications=&Tự đóng các chương trình đó
vi.DontCloseApplications=&Không đóng
vi.WizardInstalling=Đang cài đặt
vi.InstallingLabel=Xin chờ trong khi [name] được cài vào máy tính.
vi.FinishedHeadingLabel=Đã cài xong [name]
vi.FinishedLabelNoIcons=[name] đã được cài vào máy tính.
vi.FinishedLabel=[name] đã được cài vào máy tính. Mở chương trình từ biểu tượng trong menu Start.
vi.ClickFinish=Bấm Hoàn tất để đóng trình cài đặt.
vi.ConfirmUninstall=Gỡ %1 khỏi máy tính?%n%nBáo cáo, chứng thư và văn bản đã ký (trong thư mục dữ liệu) được giữ lại.
vi.UninstallStatusLabel=Xin chờ trong khi %1 được gỡ khỏi máy tính.
vi.UninstalledAll=Đã gỡ %1 khỏi máy tính.
vi.UninstalledMost=Đã gỡ xong %1.%n%nMột số mục không xóa được; bạn có thể tự xóa.
vi.UninstallOnlyOnWin64=Chỉ gỡ được chương trình này trên Windows 64 bit.
vi.WindowsVersionNotSupported=Chương trình này cần Windows 10 (bản 1809) hoặc mới hơn.
vi.WinVersionTooLowError=Chương trình này cần %1 phiên bản %2 trở lên.
en.ConfirmUninstall=Remove %1 from this computer?%n%nThe reports, certificates and signed documents (in the data folder) are kept.

[CustomMessages]
vi.AppShortcut=Báo cáo CCHC
en.AppShortcut=Báo cáo CCHC
vi.CliShortcut=Báo cáo CCHC - dòng lệnh (cchc)
en.CliShortcut=Báo cáo CCHC - command line (cchc)
vi.UninstallShortcut=Gỡ cài đặt Báo cáo CCHC
en.UninstallShortcut=Uninstall Báo cáo CCHC
vi.DesktopShortcut=Tạo biểu tượng trên màn hình &Desktop
en.DesktopShortcut=Create a &desktop shortcut
vi.ShortcutsGroup=Biểu tượng:
en.ShortcutsGroup=Shortcuts:
vi.LaunchApp=Mở Báo cáo CCHC ngay
en.LaunchApp=Start Báo cáo CCHC now
vi.AppDescription=Lập, ký và gửi báo cáo cải cách hành chính cấp xã
en.AppDescription=Fill in, sign and send the commune's administrative-reform reports

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopShortcut}"; GroupDescription: "{cm:ShortcutsGroup}"

[Files]
; The whole PyInstaller folder: both executables and _internal\ (they share it).
Source: "..\dist\bao-cao-cchc\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the libraries completely: files of an older version must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{cm:AppShortcut}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{cm:AppDescription}"
Name: "{group}\{cm:CliShortcut}"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#CliExe}"" --help"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallShortcut}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{cm:AppShortcut}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the installed program itself leaves next to its files; never the data folder.
Type: dirifempty; Name: "{app}"
