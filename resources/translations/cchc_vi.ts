<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name>Application</name>
    <message>
        <source>The data cannot be opened</source>
        <translation>Không mở được dữ liệu</translation>
    </message>
    <message>
        <source>The program stopped unexpectedly last time</source>
        <translation>Lần trước chương trình bị dừng đột ngột</translation>
    </message>
    <message>
        <source>The last time, the program stopped unexpectedly. What was saved before is kept. The technical details are in:
%1
If this happens again, send that file to the person who supports you.</source>
        <translation>Lần trước, chương trình bị dừng đột ngột. Những gì đã lưu trước đó vẫn được giữ nguyên. Chi tiết kỹ thuật được ghi ở tệp:
%1
Nếu việc này lặp lại, hãy gửi tệp đó cho cán bộ hỗ trợ.</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>No figures yet.</source>
        <translation>Chưa có số liệu.</translation>
    </message>
</context>
<context>
    <name>CheckPanel</name>
    <message>
        <source>Check</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <source>Problems in the report</source>
        <translation>Các vấn đề của báo cáo</translation>
    </message>
    <message>
        <source>&amp;Go to the field</source>
        <translation>Đến chỉ tiêu &amp;này</translation>
    </message>
    <message>
        <source>Con&amp;firm warning…</source>
        <translation>&amp;Xác nhận cảnh báo…</translation>
    </message>
    <message>
        <source>If the figures are right despite the warning, confirm it with a note explaining why.</source>
        <translation>Nếu số liệu vẫn đúng dù có cảnh báo, hãy xác nhận kèm ghi chú giải thích lý do.</translation>
    </message>
    <message>
        <source>Part %1: </source>
        <translation>Phần %1: </translation>
    </message>
    <message>
        <source>Confirmed: %1</source>
        <translation>Đã xác nhận: %1</translation>
    </message>
    <message>
        <source>No problems found. You can finalise the report.</source>
        <translation>Không có lỗi. Có thể bấm Hoàn thành báo cáo.</translation>
    </message>
    <message>
        <source>%1 error(s) to fix</source>
        <translation>%1 lỗi cần sửa</translation>
    </message>
    <message>
        <source>%1 required field(s) empty</source>
        <translation>%1 chỉ tiêu bắt buộc chưa nhập</translation>
    </message>
    <message>
        <source>%1 warning(s) to check</source>
        <translation>%1 cảnh báo cần xem lại</translation>
    </message>
</context>
<context>
    <name>ChoiceInput</name>
    <message>
        <source>— choose —</source>
        <translation>— chọn —</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Báo cáo CCHC: unexpected error</source>
        <translation>Báo cáo CCHC: lỗi không mong muốn</translation>
    </message>
    <message>
        <source>Sorry, the program ran into an unexpected error and must close.</source>
        <translation>Rất tiếc, chương trình gặp lỗi không mong muốn và phải đóng lại.</translation>
    </message>
    <message>
        <source>What you typed before the error has been saved automatically. Open the program again to carry on. If the error happens again, copy the details and send them to the person who supports you.

The error is written in the log file:
%1</source>
        <translation>Những gì đã nhập trước khi gặp lỗi đã được lưu tự động. Hãy mở lại chương trình để làm tiếp. Nếu lỗi lặp lại, hãy sao chép chi tiết lỗi và gửi cho cán bộ hỗ trợ.

Lỗi được ghi trong tệp nhật ký:
%1</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>Sao &amp;chép chi tiết</translation>
    </message>
    <message>
        <source>&amp;Show details</source>
        <translation>&amp;Xem chi tiết</translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation>Mở thư mục &amp;nhật ký</translation>
    </message>
    <message>
        <source>C&amp;lose the program</source>
        <translation>Đó&amp;ng chương trình</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Đã sao chép</translation>
    </message>
</context>
<context>
    <name>FieldRow</name>
    <message>
        <source>Required: fill this in before finalising.</source>
        <translation>Bắt buộc: cần nhập trước khi hoàn thành báo cáo.</translation>
    </message>
    <message>
        <source>Computed automatically.</source>
        <translation>Chương trình tự tính.</translation>
    </message>
    <message>
        <source>At most %1 points.</source>
        <translation>Tối đa %1 điểm.</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Vấn đề</translation>
    </message>
</context>
<context>
    <name>FileField</name>
    <message>
        <source>Choose…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Certificate files (*.p12 *.pfx)</source>
        <translation>Tệp chứng thư số (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Ảnh PNG (*.png)</translation>
    </message>
    <message>
        <source>Libraries (*.dll *.so *.dylib)</source>
        <translation>Thư viện (*.dll *.so *.dylib)</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Chọn thư mục</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Chọn tệp</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Báo cáo CCHC — %1</source>
        <translation>Báo cáo CCHC — %1</translation>
    </message>
    <message>
        <source>Sections of the program</source>
        <translation>Các mục của chương trình</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Tổng quan</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Phiên bản %1</translation>
    </message>
    <message>
        <source>This computer is set up for the reviewing office. The reviewer's window (receiving the communes' packages, checking and consolidating them) comes in the next version of the program.</source>
        <translation>Máy này được thiết lập cho cơ quan xét duyệt. Cửa sổ làm việc của cơ quan xét duyệt (nhận gói báo cáo của các xã, kiểm tra và tổng hợp) sẽ có trong phiên bản tiếp theo của chương trình.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Đã lưu cài đặt.</translation>
    </message>
    <message>
        <source>Everything you type is saved automatically.</source>
        <translation>Mọi nội dung bạn nhập đều được lưu tự động.</translation>
    </message>
    <message>
        <source>Still working</source>
        <translation>Chương trình đang làm việc</translation>
    </message>
    <message>
        <source>The program is still saving or working. Close anyway? What is being saved now may be lost.</source>
        <translation>Chương trình vẫn đang lưu hoặc đang làm việc. Vẫn đóng ngay? Phần đang được lưu có thể bị mất.</translation>
    </message>
    <message>
        <source>Close anyway</source>
        <translation>Vẫn đóng</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Chờ thêm</translation>
    </message>
</context>
<context>
    <name>NarrativeInput</name>
    <message>
        <source>&amp;Suggest text</source>
        <translation>&amp;Gợi ý nội dung</translation>
    </message>
    <message>
        <source>Drafts the customary sentences from the figures already entered, for you to edit.</source>
        <translation>Soạn sẵn các câu thường dùng từ số liệu đã nhập, để bạn sửa lại cho phù hợp.</translation>
    </message>
</context>
<context>
    <name>NewReportDialog</name>
    <message>
        <source>Create another report</source>
        <translation>Tạo báo cáo khác</translation>
    </message>
    <message>
        <source>&amp;Form:</source>
        <translation>&amp;Biểu mẫu:</translation>
    </message>
    <message>
        <source>&amp;Kind of period:</source>
        <translation>&amp;Loại kỳ:</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>&amp;Năm:</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Kỳ báo cáo:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Tạo</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Quý</translation>
    </message>
    <message>
        <source>Six months</source>
        <translation>6 tháng</translation>
    </message>
    <message>
        <source>Nine months</source>
        <translation>9 tháng</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Overview</source>
        <translation>Tổng quan</translation>
    </message>
    <message>
        <source>Case files received and resolved</source>
        <translation>Hồ sơ tiếp nhận và đã giải quyết</translation>
    </message>
    <message>
        <source>On-time and online rates (%)</source>
        <translation>Tỷ lệ đúng hạn và tỷ lệ trực tuyến (%)</translation>
    </message>
    <message>
        <source>its report is created</source>
        <translation>đã tạo báo cáo</translation>
    </message>
    <message>
        <source>its report is not created yet</source>
        <translation>chưa tạo báo cáo</translation>
    </message>
    <message>
        <source>This period: %1 — deadline %2 — %3.</source>
        <translation>Kỳ này: %1 — hạn gửi %2 — %3.</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Đã giải quyết</translation>
    </message>
    <message>
        <source>Resolved on time</source>
        <translation>Giải quyết đúng hạn</translation>
    </message>
    <message>
        <source>Received online</source>
        <translation>Tiếp nhận trực tuyến</translation>
    </message>
    <message>
        <source>Self-assessment score by area (%1)</source>
        <translation>Điểm tự chấm theo lĩnh vực (%1)</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Điểm tự chấm</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>Điểm tối đa</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <source>People and document details</source>
        <translation>Người ký và thông tin văn bản</translation>
    </message>
    <message>
        <source>These appear on the printed report. You can change them later in Settings.</source>
        <translation>Các thông tin này được in trên báo cáo. Có thể sửa sau trong phần Cài đặt.</translation>
    </message>
    <message>
        <source>Reviewing &amp;office:</source>
        <translation>Cơ quan nhận &amp;báo cáo:</translation>
    </message>
    <message>
        <source>&amp;Place name on documents:</source>
        <translation>Đị&amp;a danh ghi trên văn bản:</translation>
    </message>
    <message>
        <source>Pr&amp;eparer's full name:</source>
        <translation>Họ tên người &amp;lập báo cáo:</translation>
    </message>
    <message>
        <source>Preparer's &amp;job title:</source>
        <translation>&amp;Chức vụ người lập:</translation>
    </message>
    <message>
        <source>Si&amp;gner's full name:</source>
        <translation>Họ tên người &amp;ký:</translation>
    </message>
    <message>
        <source>Signer's &amp;position:</source>
        <translation>Chức &amp;vụ người ký:</translation>
    </message>
    <message>
        <source>The signer signs:</source>
        <translation>Thẩm quyền ký:</translation>
    </message>
    <message>
        <source>Document s&amp;ymbol:</source>
        <translation>&amp;Ký hiệu văn bản:</translation>
    </message>
    <message>
        <source>TM. (on behalf of the People's Committee: the chairman signs)</source>
        <translation>TM. (thay mặt Ủy ban nhân dân: Chủ tịch ký)</translation>
    </message>
    <message>
        <source>KT. (for the chairman: a vice-chairman signs)</source>
        <translation>KT. (ký thay Chủ tịch: Phó Chủ tịch ký)</translation>
    </message>
    <message>
        <source>as in “Tân Phú, ngày … tháng … năm …”</source>
        <translation>như trong “Tân Phú, ngày … tháng … năm …”</translation>
    </message>
    <message>
        <source>e.g. Nguyễn Thị Lan</source>
        <translation>ví dụ: Nguyễn Thị Lan</translation>
    </message>
    <message>
        <source>e.g. Trần Văn Bình</source>
        <translation>ví dụ: Trần Văn Bình</translation>
    </message>
</context>
<context>
    <name>Prompter</name>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>Không thực hiện được</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Không</translation>
    </message>
</context>
<context>
    <name>ReportEditor</name>
    <message>
        <source>← &amp;Reports</source>
        <translation>← &amp;Danh sách báo cáo</translation>
    </message>
    <message>
        <source>Back to the list of reports (Alt+Left)</source>
        <translation>Quay lại danh sách báo cáo (Alt+←)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Làm lại</translation>
    </message>
    <message>
        <source>Chec&amp;k (F7)</source>
        <translation>&amp;Kiểm tra (F7)</translation>
    </message>
    <message>
        <source>&amp;Finalise</source>
        <translation>&amp;Hoàn thành</translation>
    </message>
    <message>
        <source>Checks every rule and marks the report as finished, ready to sign.</source>
        <translation>Kiểm tra toàn bộ quy tắc và đánh dấu báo cáo đã hoàn thành, sẵn sàng để ký.</translation>
    </message>
    <message>
        <source>Re&amp;open for editing</source>
        <translation>&amp;Mở lại để sửa</translation>
    </message>
    <message>
        <source>&amp;Make an amended revision</source>
        <translation>&amp;Tạo bản sửa đổi</translation>
    </message>
    <message>
        <source>Parts of the report</source>
        <translation>Các phần của báo cáo</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <source>Next part</source>
        <translation>Phần tiếp theo</translation>
    </message>
    <message>
        <source>Previous part</source>
        <translation>Phần trước</translation>
    </message>
    <message>
        <source>Back to the list</source>
        <translation>Quay lại danh sách</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>(revision %1)</source>
        <translation>(bản sửa đổi lần %1)</translation>
    </message>
    <message>
        <source>Deadline: %1</source>
        <translation>Hạn gửi: %1</translation>
    </message>
    <message>
        <source>(overdue)</source>
        <translation>(đã quá hạn)</translation>
    </message>
    <message>
        <source>The reviewing office returned this report. Their comment:
%1

Press “Make an amended revision” to correct it and send it again.</source>
        <translation>Cơ quan xét duyệt đã trả lại báo cáo này với ý kiến:
%1

Hãy bấm “Tạo bản sửa đổi” để sửa và gửi lại.</translation>
    </message>
    <message>
        <source>The reviewing office returned the previous revision with this comment:
%1</source>
        <translation>Cơ quan xét duyệt đã trả lại bản trước với ý kiến:
%1</translation>
    </message>
    <message>
        <source>This report is finalised and can no longer be edited. To change it before it is signed, press “Reopen for editing”.</source>
        <translation>Báo cáo đã hoàn thành nên không sửa được nữa. Muốn sửa trước khi ký, hãy bấm “Mở lại để sửa”.</translation>
    </message>
    <message>
        <source>This report is “%1” and can no longer be edited. To change it, make an amended revision; this one is kept as it is.</source>
        <translation>Báo cáo đang ở trạng thái “%1” nên không sửa được. Muốn sửa, hãy tạo bản sửa đổi; bản này được giữ nguyên.</translation>
    </message>
    <message>
        <source>A newer revision of this report exists; this one is kept for the record.</source>
        <translation>Đã có bản sửa đổi mới hơn của báo cáo này; bản này chỉ được lưu lại để đối chiếu.</translation>
    </message>
    <message>
        <source>edit “%1”</source>
        <translation>sửa “%1”</translation>
    </message>
    <message>
        <source>Warning confirmed: %1</source>
        <translation>Đã xác nhận cảnh báo: %1</translation>
    </message>
    <message>
        <source>Has errors to fix</source>
        <translation>Có lỗi cần sửa</translation>
    </message>
    <message>
        <source>Has warnings to check</source>
        <translation>Có cảnh báo cần xem lại</translation>
    </message>
    <message>
        <source>Not finished: required fields are empty</source>
        <translation>Chưa xong: còn chỉ tiêu bắt buộc chưa nhập</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Đã đầy đủ</translation>
    </message>
    <message>
        <source>Confirm the warning</source>
        <translation>Xác nhận cảnh báo</translation>
    </message>
    <message>
        <source>%1

If the figures are right, write why (this note goes with the report):</source>
        <translation>%1

Nếu số liệu vẫn đúng, hãy ghi rõ lý do (ghi chú này được gửi kèm báo cáo):</translation>
    </message>
    <message>
        <source>Write a short note on why the figures are right.</source>
        <translation>Hãy ghi ngắn gọn lý do số liệu vẫn đúng.</translation>
    </message>
    <message>
        <source>Suggest text</source>
        <translation>Gợi ý nội dung</translation>
    </message>
    <message>
        <source>There are not enough figures yet. Enter the figures of this part first: the draft is written from them.</source>
        <translation>Chưa đủ số liệu để gợi ý. Hãy nhập số liệu của phần này trước: đoạn gợi ý được viết từ các số liệu đó.</translation>
    </message>
    <message>
        <source>The box already has text. Replace it with the suggested draft?
(You can undo this with Ctrl+Z.)</source>
        <translation>Ô này đã có nội dung. Thay bằng đoạn gợi ý?
(Có thể hoàn tác bằng Ctrl+Z.)</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Thay bằng gợi ý</translation>
    </message>
    <message>
        <source>Keep my text</source>
        <translation>Giữ nội dung của tôi</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>Không lưu được</translation>
    </message>
    <message>
        <source>Not saved until corrected: %1</source>
        <translation>Chưa lưu, cần sửa: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <source>Saved at %1</source>
        <translation>Đã lưu lúc %1</translation>
    </message>
    <message>
        <source>Saved at %1 on %2</source>
        <translation>Đã lưu lúc %1 ngày %2</translation>
    </message>
    <message>
        <source>Nothing to save: this report can no longer be edited.</source>
        <translation>Không có gì để lưu: báo cáo này không sửa được nữa.</translation>
    </message>
    <message>
        <source>Everything is saved except the fields that are not correct yet: %1</source>
        <translation>Mọi thứ đã được lưu, trừ các chỉ tiêu nhập chưa đúng: %1</translation>
    </message>
    <message>
        <source>Everything you type is saved automatically; there is no need to press Ctrl+S.</source>
        <translation>Mọi nội dung bạn nhập đều được lưu tự động, không cần bấm Ctrl+S.</translation>
    </message>
    <message>
        <source>The report cannot be finalised yet. Fix these problems first (they are listed in the Check panel):</source>
        <translation>Chưa hoàn thành được báo cáo. Hãy sửa các vấn đề sau trước (xem danh sách ở khung Kiểm tra):</translation>
    </message>
    <message>
        <source>Not finished yet</source>
        <translation>Chưa hoàn thành được</translation>
    </message>
    <message>
        <source>Warnings to check</source>
        <translation>Có cảnh báo cần xem lại</translation>
    </message>
    <message>
        <source>Check these warnings. If the figures are right, select each warning in the Check panel and press “Confirm warning…” with a note:</source>
        <translation>Hãy xem lại các cảnh báo sau. Nếu số liệu đúng, chọn từng cảnh báo trong khung Kiểm tra và bấm “Xác nhận cảnh báo…” kèm ghi chú:</translation>
    </message>
    <message>
        <source>Finalise the report</source>
        <translation>Hoàn thành báo cáo</translation>
    </message>
    <message>
        <source>Finalise this report? It gets its document number and can then be signed. You can reopen it for editing until it is signed.</source>
        <translation>Hoàn thành báo cáo này? Báo cáo sẽ được cấp số văn bản và có thể ký. Trước khi ký vẫn có thể mở lại để sửa.</translation>
    </message>
    <message>
        <source>Finalise</source>
        <translation>Hoàn thành</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Chưa</translation>
    </message>
    <message>
        <source>The report is finalised (number %1).</source>
        <translation>Đã hoàn thành báo cáo (số %1).</translation>
    </message>
    <message>
        <source>Reopen for editing</source>
        <translation>Mở lại để sửa</translation>
    </message>
    <message>
        <source>Reopen this report for editing? It keeps its number; finalise it again when you are done.</source>
        <translation>Mở lại báo cáo này để sửa? Báo cáo giữ nguyên số văn bản; sửa xong hãy bấm Hoàn thành lại.</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Mở lại</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Make an amended revision</source>
        <translation>Tạo bản sửa đổi</translation>
    </message>
    <message>
        <source>Make a new revision of this report to correct it? The figures are copied into the new revision; this one stays as it is.</source>
        <translation>Tạo bản sửa đổi mới của báo cáo này để sửa? Số liệu được chép sang bản mới; bản hiện tại được giữ nguyên.</translation>
    </message>
    <message>
        <source>Make the revision</source>
        <translation>Tạo bản sửa đổi</translation>
    </message>
</context>
<context>
    <name>ReportListPage</name>
    <message>
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <source>&amp;Create this period's report</source>
        <translation>&amp;Tạo báo cáo kỳ này</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>Create &amp;another report…</source>
        <translation>Tạo báo cáo &amp;khác…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Mở</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>&amp;Năm:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Trạng thái:</translation>
    </message>
    <message>
        <source>Create this period's report</source>
        <translation>Tạo báo cáo kỳ này</translation>
    </message>
    <message>
        <source>This period: %1, deadline %2. Its report is already created: the button opens it.</source>
        <translation>Kỳ này: %1, hạn gửi %2. Báo cáo kỳ này đã được tạo: bấm nút để mở.</translation>
    </message>
    <message>
        <source>This period: %1, deadline %2.</source>
        <translation>Kỳ này: %1, hạn gửi %2.</translation>
    </message>
    <message>
        <source>No reports match the filter.</source>
        <translation>Không có báo cáo nào phù hợp với bộ lọc.</translation>
    </message>
    <message>
        <source>There are no reports yet. Press “Create this period's report” to start.</source>
        <translation>Chưa có báo cáo nào. Bấm “Tạo báo cáo kỳ này” để bắt đầu.</translation>
    </message>
    <message>
        <source>The report already exists</source>
        <translation>Báo cáo đã có</translation>
    </message>
    <message>
        <source>The report for %1 is already created. It opens now.</source>
        <translation>Báo cáo %1 đã được tạo. Chương trình mở báo cáo đó.</translation>
    </message>
    <message>
        <source>Create the report</source>
        <translation>Tạo báo cáo</translation>
    </message>
    <message>
        <source>Create the report for %1.

Copy the figures of the previous report (%2) to start from? You then only change what is different.</source>
        <translation>Tạo báo cáo %1.

Chép số liệu của báo cáo kỳ trước (%2) sang để bắt đầu? Khi đó chỉ cần sửa những số liệu thay đổi.</translation>
    </message>
    <message>
        <source>Copy the previous figures</source>
        <translation>Chép số liệu kỳ trước</translation>
    </message>
    <message>
        <source>Start with an empty form</source>
        <translation>Bắt đầu với biểu mẫu trống</translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <source>Period</source>
        <translation>Kỳ báo cáo</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Biểu mẫu</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Lần</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Hạn gửi</translation>
    </message>
    <message>
        <source>Last saved</source>
        <translation>Lưu lần cuối</translation>
    </message>
    <message>
        <source>(late)</source>
        <translation>(quá hạn)</translation>
    </message>
    <message>
        <source>The deadline has passed and the report has not been sent in time.</source>
        <translation>Đã quá hạn gửi mà báo cáo chưa được gửi đúng hạn.</translation>
    </message>
    <message>
        <source>Amended revision %1</source>
        <translation>Bản sửa đổi lần %1</translation>
    </message>
    <message>
        <source>An older revision: a newer one replaces it.</source>
        <translation>Bản cũ: đã có bản sửa đổi mới hơn thay thế.</translation>
    </message>
</context>
<context>
    <name>RolePage</name>
    <message>
        <source>Who uses this computer?</source>
        <translation>Máy này dùng cho ai?</translation>
    </message>
    <message>
        <source>The program works a little differently for a commune and for the reviewing office.</source>
        <translation>Chương trình làm việc hơi khác nhau cho cấp xã và cho cơ quan xét duyệt.</translation>
    </message>
    <message>
        <source>A &amp;commune, ward or special zone (People's Committee)</source>
        <translation>&amp;Xã, phường, đặc khu (Ủy ban nhân dân)</translation>
    </message>
    <message>
        <source>Prepares the periodic CCHC report, signs it and sends it to the province.</source>
        <translation>Lập báo cáo CCHC định kỳ, ký và gửi lên tỉnh.</translation>
    </message>
    <message>
        <source>The &amp;reviewing office (provincial Department of Home Affairs)</source>
        <translation>&amp;Cơ quan xét duyệt (Sở Nội vụ tỉnh, thành phố)</translation>
    </message>
    <message>
        <source>Receives the communes' reports, checks them, accepts or returns them.</source>
        <translation>Nhận báo cáo của các xã, kiểm tra, chấp nhận hoặc trả lại.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>TM. (the chairman signs on behalf of the committee)</source>
        <translation>TM. (Chủ tịch ký thay mặt Ủy ban nhân dân)</translation>
    </message>
    <message>
        <source>KT. (a vice-chairman signs for the chairman)</source>
        <translation>KT. (Phó Chủ tịch ký thay Chủ tịch)</translation>
    </message>
    <message>
        <source>Office and signer</source>
        <translation>Đơn vị và người ký</translation>
    </message>
    <message>
        <source>Unit code:</source>
        <translation>Mã đơn vị:</translation>
    </message>
    <message>
        <source>&amp;Name of the office:</source>
        <translation>&amp;Tên đơn vị:</translation>
    </message>
    <message>
        <source>Reviewing &amp;office:</source>
        <translation>Cơ quan nhận &amp;báo cáo:</translation>
    </message>
    <message>
        <source>&amp;Place name on documents:</source>
        <translation>Đị&amp;a danh ghi trên văn bản:</translation>
    </message>
    <message>
        <source>Pr&amp;eparer's full name:</source>
        <translation>Họ tên người &amp;lập báo cáo:</translation>
    </message>
    <message>
        <source>Preparer's &amp;job title:</source>
        <translation>&amp;Chức vụ người lập:</translation>
    </message>
    <message>
        <source>Si&amp;gner's full name:</source>
        <translation>Họ tên người &amp;ký:</translation>
    </message>
    <message>
        <source>Signer's &amp;position:</source>
        <translation>Chức &amp;vụ người ký:</translation>
    </message>
    <message>
        <source>The signer signs:</source>
        <translation>Thẩm quyền ký:</translation>
    </message>
    <message>
        <source>Document s&amp;ymbol:</source>
        <translation>&amp;Ký hiệu văn bản:</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Hằng tháng</translation>
    </message>
    <message>
        <source>Quarterly</source>
        <translation>Hằng quý</translation>
    </message>
    <message>
        <source>Six months</source>
        <translation>6 tháng</translation>
    </message>
    <message>
        <source>Nine months</source>
        <translation>9 tháng</translation>
    </message>
    <message>
        <source>Yearly</source>
        <translation>Hằng năm</translation>
    </message>
    <message>
        <source>not used</source>
        <translation>không dùng</translation>
    </message>
    <message>
        <source>Reporting periods and deadlines</source>
        <translation>Kỳ báo cáo và hạn gửi</translation>
    </message>
    <message>
        <source>Usual &amp;period:</source>
        <translation>Kỳ báo cáo thường &amp;dùng:</translation>
    </message>
    <message>
        <source>Data &amp;cut-off day of the month:</source>
        <translation>Ngày &amp;chốt số liệu trong tháng:</translation>
    </message>
    <message>
        <source>Deadline: &amp;working days after the cut-off:</source>
        <translation>Hạn gửi: số ngày &amp;làm việc sau ngày chốt:</translation>
    </message>
    <message>
        <source>Deadline: &amp;fixed day of the month:</source>
        <translation>Hạn gửi: ngày &amp;cố định trong tháng:</translation>
    </message>
    <message>
        <source>Set these as your province requires (by default data is cut off on the 14th and the report is due two working days later).</source>
        <translation>Đặt theo quy định của tỉnh (mặc định số liệu chốt ngày 14 và hạn gửi là 2 ngày làm việc sau đó).</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Bình thường</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>Lớn</translation>
    </message>
    <message>
        <source>Very large</source>
        <translation>Rất lớn</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Hiển thị</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Ngôn ngữ:</translation>
    </message>
    <message>
        <source>Te&amp;xt size:</source>
        <translation>Cỡ &amp;chữ:</translation>
    </message>
    <message>
        <source>Certificate created for this computer</source>
        <translation>Chứng thư tạo cho máy này</translation>
    </message>
    <message>
        <source>Signing USB token</source>
        <translation>USB ký số</translation>
    </message>
    <message>
        <source>Certificate file (.p12 / .pfx)</source>
        <translation>Tệp chứng thư số (.p12 / .pfx)</translation>
    </message>
    <message>
        <source>Digital signature</source>
        <translation>Chữ ký số</translation>
    </message>
    <message>
        <source>How the report is &amp;signed:</source>
        <translation>Cách &amp;ký báo cáo:</translation>
    </message>
    <message>
        <source>Certificate file:</source>
        <translation>Tệp chứng thư số:</translation>
    </message>
    <message>
        <source>Token driver (optional):</source>
        <translation>Trình điều khiển USB ký số (nếu cần):</translation>
    </message>
    <message>
        <source>Token name (optional):</source>
        <translation>Tên USB ký số (nếu cần):</translation>
    </message>
    <message>
        <source>Signature image (PNG):</source>
        <translation>Ảnh chữ ký (PNG):</translation>
    </message>
    <message>
        <source>Seal image (PNG):</source>
        <translation>Ảnh con dấu (PNG):</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sao lưu</translation>
    </message>
    <message>
        <source>Second &amp;backup folder:</source>
        <translation>Thư mục &amp;sao lưu thứ hai:</translation>
    </message>
    <message>
        <source>For example a USB stick: a copy of the data is also kept there.</source>
        <translation>Ví dụ một USB: một bản sao dữ liệu cũng được lưu ở đó.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>About the program</source>
        <translation>Về chương trình</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Phiên bản:</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Thư mục dữ liệu:</translation>
    </message>
    <message>
        <source>Log folder:</source>
        <translation>Thư mục nhật ký:</translation>
    </message>
    <message>
        <source>&amp;Save settings</source>
        <translation>&amp;Lưu cài đặt</translation>
    </message>
    <message>
        <source>&amp;Undo changes</source>
        <translation>&amp;Bỏ các thay đổi</translation>
    </message>
    <message>
        <source>The name of the office cannot be empty.</source>
        <translation>Tên đơn vị không được để trống.</translation>
    </message>
    <message>
        <source>The new language is used everywhere after the program is started again.</source>
        <translation>Ngôn ngữ mới được dùng đầy đủ sau khi mở lại chương trình.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Báo cáo CCHC: first-time setup</source>
        <translation>Báo cáo CCHC: thiết lập lần đầu</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Quay lại</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Tiếp theo &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Hoàn tất</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Setting up, please wait…</source>
        <translation>Đang thiết lập, vui lòng chờ…</translation>
    </message>
    <message>
        <source>The setup could not be saved</source>
        <translation>Không lưu được thông tin thiết lập</translation>
    </message>
</context>
<context>
    <name>SigningPage</name>
    <message>
        <source>How the chairman signs</source>
        <translation>Cách Chủ tịch ký báo cáo</translation>
    </message>
    <message>
        <source>You can skip this now and change it later in Settings.</source>
        <translation>Có thể bỏ qua bước này và thay đổi sau trong phần Cài đặt.</translation>
    </message>
    <message>
        <source>Create a &amp;certificate for this computer</source>
        <translation>Tạo &amp;chứng thư cho máy này</translation>
    </message>
    <message>
        <source>For offices without a signing USB token yet: the program makes the commune's own certificate. The reviewing office sees that it is self-issued.</source>
        <translation>Dùng khi chưa có USB ký số: chương trình tạo chứng thư riêng của xã. Cơ quan xét duyệt sẽ thấy đây là chứng thư tự cấp.</translation>
    </message>
    <message>
        <source>Signing &amp;USB token</source>
        <translation>&amp;USB ký số (token)</translation>
    </message>
    <message>
        <source>The digital-signature USB token issued to the chairman (needs its PIN).</source>
        <translation>USB ký số đã được cấp cho Chủ tịch (cần mã PIN).</translation>
    </message>
    <message>
        <source>Certificate &amp;file (.p12 / .pfx)</source>
        <translation>&amp;Tệp chứng thư số (.p12 / .pfx)</translation>
    </message>
    <message>
        <source>A certificate file with its password, from the certificate provider.</source>
        <translation>Tệp chứng thư số kèm mật khẩu, do nhà cung cấp chứng thư cấp.</translation>
    </message>
    <message>
        <source>Certificate file:</source>
        <translation>Tệp chứng thư số:</translation>
    </message>
    <message>
        <source>Token driver (optional):</source>
        <translation>Trình điều khiển USB ký số (nếu cần):</translation>
    </message>
    <message>
        <source>Token name (optional):</source>
        <translation>Tên USB ký số (nếu cần):</translation>
    </message>
    <message>
        <source>Images on the printed report (optional)</source>
        <translation>Ảnh in trên báo cáo (không bắt buộc)</translation>
    </message>
    <message>
        <source>Signature image (PNG):</source>
        <translation>Ảnh chữ ký (PNG):</translation>
    </message>
    <message>
        <source>Seal image (PNG):</source>
        <translation>Ảnh con dấu (PNG):</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Ready</source>
        <translation>Sẵn sàng</translation>
    </message>
    <message>
        <source>Check the details below, then press Finish to start.</source>
        <translation>Kiểm tra lại thông tin dưới đây, rồi bấm Hoàn tất để bắt đầu.</translation>
    </message>
    <message>
        <source>Office:</source>
        <translation>Đơn vị:</translation>
    </message>
    <message>
        <source>Province:</source>
        <translation>Tỉnh, thành phố:</translation>
    </message>
    <message>
        <source>Reports go to:</source>
        <translation>Gửi báo cáo đến:</translation>
    </message>
    <message>
        <source>Preparer:</source>
        <translation>Người lập:</translation>
    </message>
    <message>
        <source>Signer:</source>
        <translation>Người ký:</translation>
    </message>
    <message>
        <source>Document symbol:</source>
        <translation>Ký hiệu văn bản:</translation>
    </message>
</context>
<context>
    <name>TableInput</name>
    <message>
        <source>&amp;Add row</source>
        <translation>&amp;Thêm dòng</translation>
    </message>
    <message>
        <source>&amp;Remove row</source>
        <translation>&amp;Xóa dòng</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>Tổng cộng: %1</translation>
    </message>
</context>
<context>
    <name>TextInputDialog</name>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <source>Your office</source>
        <translation>Cơ quan của bạn</translation>
    </message>
    <message>
        <source>Your commune or ward</source>
        <translation>Xã, phường của bạn</translation>
    </message>
    <message>
        <source>Choose the province whose communes report to your office.</source>
        <translation>Chọn tỉnh, thành phố có các xã gửi báo cáo về cơ quan bạn.</translation>
    </message>
    <message>
        <source>From the official list of administrative units in force since 1 July 2025.</source>
        <translation>Theo danh mục đơn vị hành chính chính thức, áp dụng từ ngày 01/7/2025.</translation>
    </message>
</context>
<context>
    <name>UnitPicker</name>
    <message>
        <source>&amp;Province or city:</source>
        <translation>Tỉnh, thành &amp;phố:</translation>
    </message>
    <message>
        <source>&amp;Search commune or ward:</source>
        <translation>Tìm &amp;xã, phường:</translation>
    </message>
    <message>
        <source>Type part of the name, e.g. tan phu (accents are optional)</source>
        <translation>Gõ một phần tên, ví dụ: tan phu (không cần gõ dấu)</translation>
    </message>
    <message>
        <source>(all provinces)</source>
        <translation>(tất cả các tỉnh)</translation>
    </message>
    <message>
        <source>(choose a province)</source>
        <translation>(chọn tỉnh, thành phố)</translation>
    </message>
    <message>
        <source>code %1</source>
        <translation>mã %1</translation>
    </message>
    <message>
        <source>Loading the list of communes…</source>
        <translation>Đang tải danh sách xã, phường…</translation>
    </message>
    <message>
        <source>Choose your province, or type the name of your commune.</source>
        <translation>Chọn tỉnh, thành phố, hoặc gõ tên xã, phường của bạn.</translation>
    </message>
    <message>
        <source>Nothing found. Check the spelling, or choose another province.</source>
        <translation>Không tìm thấy. Hãy kiểm tra lại tên, hoặc chọn tỉnh khác.</translation>
    </message>
    <message>
        <source>Many communes match: type more of the name.</source>
        <translation>Có nhiều kết quả: hãy gõ thêm tên.</translation>
    </message>
    <message>
        <source>%1 found. Click your commune (or use the arrow keys).</source>
        <translation>Tìm thấy %1 kết quả. Bấm chọn xã, phường của bạn (hoặc dùng phím mũi tên).</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Báo cáo CCHC</source>
        <translation>Chào mừng đến với Báo cáo CCHC</translation>
    </message>
    <message>
        <source>A few questions to set the program up for your office. It takes about two minutes.</source>
        <translation>Vài câu hỏi để thiết lập chương trình cho đơn vị của bạn, mất khoảng hai phút.</translation>
    </message>
    <message>
        <source>With this program you fill in the periodic administrative-reform (CCHC) report, check it, sign it and send it to the reviewing office, even without an internet connection.</source>
        <translation>Chương trình giúp lập báo cáo cải cách hành chính (CCHC) định kỳ, kiểm tra, ký số và gửi cho cơ quan xét duyệt, kể cả khi không có mạng Internet.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <source>How do you want to start?</source>
        <translation>Bạn muốn bắt đầu thế nào?</translation>
    </message>
    <message>
        <source>&amp;Set up the program for my office</source>
        <translation>&amp;Thiết lập cho đơn vị của tôi</translation>
    </message>
    <message>
        <source>Choose your commune or ward, and enter the names of the preparer and the signer.</source>
        <translation>Chọn xã, phường của bạn và nhập họ tên người lập, người ký báo cáo.</translation>
    </message>
    <message>
        <source>&amp;Try it with sample data</source>
        <translation>&amp;Dùng thử với dữ liệu mẫu</translation>
    </message>
    <message>
        <source>Creates a sample commune (Xã Tân Phú, Tỉnh Đồng Nai) with six months of reports, to look around and practise. Use a separate data folder for your real reports.</source>
        <translation>Tạo một xã mẫu (Xã Tân Phú, Tỉnh Đồng Nai) với báo cáo của 6 tháng để xem thử và tập làm. Báo cáo thật nên dùng một thư mục dữ liệu riêng.</translation>
    </message>
</context>
</TS>