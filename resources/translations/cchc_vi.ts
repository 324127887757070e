<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name />
    <message>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Làm lại</translation>
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
</context>
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
    <message>
        <source>The data file is damaged (%1), so the program cannot open it. It can be replaced by the newest good backup; the damaged file is kept aside.</source>
        <translation>Tệp dữ liệu bị hỏng (%1) nên chương trình không mở được. Có thể thay bằng bản sao lưu tốt gần nhất; tệp hỏng được giữ lại.</translation>
    </message>
    <message>
        <source>The backup was not restored</source>
        <translation>Chưa khôi phục được bản sao lưu</translation>
    </message>
    <message>
        <source>Evidence files are missing</source>
        <translation>Thiếu tệp tài liệu kiểm chứng</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Hộp thư đi</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sao lưu</translation>
    </message>
    <message>
        <source>PAR index</source>
        <translation>Chỉ số CCHC</translation>
    </message>
    <message>
        <source>The backup is restored.</source>
        <translation>Đã khôi phục bản sao lưu.</translation>
    </message>
</context>
<context>
    <name>AppraisalView</name>
    <message>
        <source>Choose a commune on the left.</source>
        <translation>Chọn một xã ở danh sách bên trái.</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Tiêu chí</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Tối đa</translation>
    </message>
    <message>
        <source>Self-score</source>
        <translation>Tự chấm</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>TLKC</translation>
    </message>
    <message>
        <source>Appraised</source>
        <translation>Thẩm định</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Criteria of the scoring report</source>
        <translation>Các tiêu chí của phiếu chấm điểm</translation>
    </message>
    <message>
        <source>The chosen criterion</source>
        <translation>Tiêu chí đang chọn</translation>
    </message>
    <message>
        <source>Appraised points</source>
        <translation>Điểm thẩm định</translation>
    </message>
    <message>
        <source>Reason (required when it differs from the self-score)</source>
        <translation>Lý do (bắt buộc khi khác điểm tự chấm)</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Ghi điểm</translation>
    </message>
    <message>
        <source>&amp;Agree with the self-score</source>
        <translation>Đồng ý điểm &amp;tự chấm</translation>
    </message>
    <message>
        <source>Agree with the whole a&amp;rea</source>
        <translation>Đồng ý cả &amp;lĩnh vực</translation>
    </message>
    <message>
        <source>Open e&amp;vidence</source>
        <translation>Mở tài liệu &amp;kiểm chứng</translation>
    </message>
    <message>
        <source>Points:</source>
        <translation>Điểm:</translation>
    </message>
    <message>
        <source>revision %1</source>
        <translation>lần %1</translation>
    </message>
    <message>
        <source>%1 computed criteria differ from the reports held here</source>
        <translation>%1 tiêu chí tính từ báo cáo khác số Sở tính lại</translation>
    </message>
    <message>
        <source>here: %1</source>
        <translation>Sở tính: %1</translation>
    </message>
    <message>
        <source>Method: %1</source>
        <translation>Cách chấm: %1</translation>
    </message>
    <message>
        <source>The commune's explanation: %1</source>
        <translation>Giải trình của xã: %1</translation>
    </message>
    <message>
        <source>The commune's answer: %1</source>
        <translation>Xã trả lời: %1</translation>
    </message>
    <message>
        <source>⚠ The commune computed %1 points; from the %2 of %3 reports held here: %4 → %5 points.</source>
        <translation>⚠ Xã tính %1 điểm; Sở tính lại từ %2/%3 báo cáo đang giữ: %4 → %5 điểm.</translation>
    </message>
    <message>
        <source>No filed report is held here for %1 (not received, or returned): ask the commune to send it before appraising.</source>
        <translation>Sở chưa có báo cáo đã nộp của kỳ %1 (chưa nhận hoặc đã trả lại): hãy đề nghị xã gửi trước khi thẩm định.</translation>
    </message>
    <message>
        <source>Every report is held here: appraise by this office's figure.</source>
        <translation>Sở đã có đủ báo cáo: hãy thẩm định theo số Sở tính.</translation>
    </message>
    <message>
        <source>Reason (%1): %2</source>
        <translation>Lý do (%1): %2</translation>
    </message>
    <message>
        <source>Score: %1 of %2 (%3 of %4 criteria appraised)</source>
        <translation>Điểm: %1/%2 (đã thẩm định %3/%4 tiêu chí)</translation>
    </message>
    <message>
        <source>explanations until %1</source>
        <translation>hạn giải trình %1</translation>
    </message>
    <message>
        <source>the commune answered on %1 (late: not applied)</source>
        <translation>xã giải trình ngày %1 (muộn: chưa áp dụng)</translation>
    </message>
    <message>
        <source>the commune answered on %1</source>
        <translation>xã giải trình ngày %1</translation>
    </message>
    <message>
        <source>locked: reopen to change</source>
        <translation>đã chốt: muốn sửa phải mở lại</translation>
    </message>
    <message>
        <source>computed: %1</source>
        <translation>tự tính: %1</translation>
    </message>
    <message>
        <source>province scores it</source>
        <translation>tỉnh chấm</translation>
    </message>
</context>
<context>
    <name>BackupPage</name>
    <message>
        <source>Backups</source>
        <translation>Sao lưu</translation>
    </message>
    <message>
        <source>A copy of the data is made when the program closes, once a day while it is open, and before every risky step. The newest ones and one per day, week and month are kept.</source>
        <translation>Chương trình tự sao lưu dữ liệu khi đóng, mỗi ngày một lần khi đang mở, và trước mỗi thao tác có rủi ro. Giữ lại các bản mới nhất và mỗi ngày, mỗi tuần, mỗi tháng một bản.</translation>
    </message>
    <message>
        <source>Made at</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Số báo cáo</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>There is no backup yet.</source>
        <translation>Chưa có bản sao lưu nào.</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Sao lưu ngay</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Khôi phục…</translation>
    </message>
    <message>
        <source>Restore from a &amp;file…</source>
        <translation>Khôi phục từ &amp;tệp…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <source>Second backup &amp;folder:</source>
        <translation>&amp;Thư mục sao lưu thứ hai:</translation>
    </message>
    <message>
        <source>For example a USB stick: a copy of each backup is also kept there.</source>
        <translation>Ví dụ USB: mỗi bản sao lưu cũng được chép thêm vào đó.</translation>
    </message>
    <message>
        <source>good</source>
        <translation>tốt</translation>
    </message>
    <message>
        <source>damaged: %1</source>
        <translation>hỏng: %1</translation>
    </message>
    <message>
        <source>asked for</source>
        <translation>theo yêu cầu</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>hằng ngày</translation>
    </message>
    <message>
        <source>on closing</source>
        <translation>khi đóng chương trình</translation>
    </message>
    <message>
        <source>before an import</source>
        <translation>trước khi nhận gói</translation>
    </message>
    <message>
        <source>before an update</source>
        <translation>trước khi cập nhật</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>trước khi khôi phục</translation>
    </message>
    <message>
        <source>Backed up: %1</source>
        <translation>Đã sao lưu: %1</translation>
    </message>
    <message>
        <source>The second backup folder is saved.</source>
        <translation>Đã lưu thư mục sao lưu thứ hai.</translation>
    </message>
    <message>
        <source>Choose a backup to restore</source>
        <translation>Chọn bản sao lưu để khôi phục</translation>
    </message>
    <message>
        <source>Backups (*.sqlite3)</source>
        <translation>Bản sao lưu (*.sqlite3)</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Đang khôi phục…</translation>
    </message>
    <message>
        <source>The backup was not restored</source>
        <translation>Chưa khôi phục được bản sao lưu</translation>
    </message>
    <message>
        <source>The data cannot be opened</source>
        <translation>Không mở được dữ liệu</translation>
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
    <name>BoardPage</name>
    <message>
        <source>Status board</source>
        <translation>Bảng theo dõi</translation>
    </message>
    <message>
        <source>Find a commune (code or name, with or without accents)</source>
        <translation>Tìm xã, phường (mã hoặc tên, có dấu hay không dấu đều được)</translation>
    </message>
    <message>
        <source>Find a commune</source>
        <translation>Tìm xã, phường</translation>
    </message>
    <message>
        <source>Show only</source>
        <translation>Chỉ hiện</translation>
    </message>
    <message>
        <source>All communes</source>
        <translation>Tất cả xã, phường</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Hiện:</translation>
    </message>
    <message>
        <source>%1 of %2 communes</source>
        <translation>%1 trong %2 xã, phường</translation>
    </message>
</context>
<context>
    <name>BoardState</name>
    <message>
        <source>Not yet due</source>
        <translation>Chưa đến hạn</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Chưa gửi</translation>
    </message>
    <message>
        <source>Received on time</source>
        <translation>Nhận đúng hạn</translation>
    </message>
    <message>
        <source>Received late</source>
        <translation>Nhận trễ hạn</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Đã trả lại</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Đã chấp nhận</translation>
    </message>
    <message>
        <source>Not using the program yet</source>
        <translation>Chưa dùng chương trình</translation>
    </message>
</context>
<context>
    <name>BoardTableModel</name>
    <message>
        <source>Commune / ward</source>
        <translation>Xã, phường</translation>
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
        <source>No problems found.</source>
        <translation>Không có lỗi nào.</translation>
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
    <name>ClockWarning</name>
    <message>
        <source>This computer's clock says %1, but the program already saved data at %2: the clock is behind. Deadlines and document dates would be wrong.</source>
        <translation>Đồng hồ máy tính đang chỉ %1, nhưng chương trình đã lưu dữ liệu lúc %2: đồng hồ máy bị chậm. Hạn gửi và ngày ghi trên văn bản sẽ bị sai.</translation>
    </message>
    <message>
        <source>This computer's clock says %1, which cannot be right.</source>
        <translation>Đồng hồ máy tính đang chỉ %1, thời điểm này không thể đúng.</translation>
    </message>
    <message>
        <source>Set the date and time in Windows (right-click the clock → Adjust date/time → Set time automatically), then open the program again. If the clock keeps going wrong after a restart, the computer's battery needs replacing.</source>
        <translation>Hãy chỉnh ngày giờ trong Windows (bấm chuột phải vào đồng hồ → Adjust date/time → bật Set time automatically), rồi mở lại chương trình. Nếu đồng hồ lại sai sau khi khởi động lại máy, cần thay pin của máy tính.</translation>
    </message>
    <message>
        <source>Check the computer's clock</source>
        <translation>Kiểm tra đồng hồ máy tính</translation>
    </message>
</context>
<context>
    <name>ComparePage</name>
    <message>
        <source>Compare</source>
        <translation>So sánh</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Kỳ báo cáo</translation>
    </message>
    <message>
        <source>Indicator:</source>
        <translation>Chỉ tiêu:</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Kỳ báo cáo:</translation>
    </message>
    <message>
        <source>Province total by month</source>
        <translation>Tổng toàn tỉnh theo tháng</translation>
    </message>
</context>
<context>
    <name>ConsolidatePage</name>
    <message>
        <source>Consolidation</source>
        <translation>Tổng hợp</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Kỳ báo cáo</translation>
    </message>
    <message>
        <source>Export &amp;Excel…</source>
        <translation>Xuất &amp;Excel…</translation>
    </message>
    <message>
        <source>Export the consolidated &amp;PDF report…</source>
        <translation>Xuất báo cáo tổng hợp &amp;PDF…</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Kỳ báo cáo:</translation>
    </message>
    <message>
        <source>Consolidated figures</source>
        <translation>Số liệu tổng hợp</translation>
    </message>
    <message>
        <source>No report has been received yet.</source>
        <translation>Chưa nhận được báo cáo nào.</translation>
    </message>
    <message>
        <source>%1 communes; the last row is the province total (rates recomputed from the totals).</source>
        <translation>%1 xã, phường; dòng cuối là tổng toàn tỉnh (các tỷ lệ tính lại từ số tổng).</translation>
    </message>
    <message>
        <source>Save the consolidated figures</source>
        <translation>Lưu số liệu tổng hợp</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Bảng tính Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Save the consolidated report</source>
        <translation>Lưu báo cáo tổng hợp</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Đã lưu: %1</translation>
    </message>
</context>
<context>
    <name>ConsolidationModel</name>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Commune / ward</source>
        <translation>Xã, phường</translation>
    </message>
    <message>
        <source>Province total</source>
        <translation>Tổng cộng toàn tỉnh</translation>
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
    <name>DemoBanner</name>
    <message>
        <source>Trying the program with sample data — nothing here is real data</source>
        <translation>Đang dùng thử với dữ liệu mẫu — mọi thứ ở đây không phải số liệu thật</translation>
    </message>
    <message>
        <source>&amp;Start using it for real</source>
        <translation>&amp;Bắt đầu dùng thật</translation>
    </message>
    <message>
        <source>&amp;Reset the sample data</source>
        <translation>&amp;Làm lại dữ liệu mẫu</translation>
    </message>
    <message>
        <source>Trial with sample data</source>
        <translation>Dùng thử với dữ liệu mẫu</translation>
    </message>
    <message>
        <source>%1 [TRIAL — sample data]</source>
        <translation>%1 [DÙNG THỬ — dữ liệu mẫu]</translation>
    </message>
</context>
<context>
    <name>DemoSwitch</name>
    <message>
        <source>Preparing the sample data, please wait…</source>
        <translation>Đang chuẩn bị dữ liệu mẫu, xin chờ…</translation>
    </message>
    <message>
        <source>Start using it for real</source>
        <translation>Bắt đầu dùng thật</translation>
    </message>
    <message>
        <source>The program leaves the trial and opens your own installation, to be set up for your office. Nothing from the trial (the sample commune, its reports, certificates or settings) is carried over.</source>
        <translation>Chương trình sẽ rời bản dùng thử và mở phần cài đặt của riêng đơn vị anh/chị để thiết lập. Không có gì từ bản dùng thử (xã mẫu, các báo cáo, chứng thư số hay cài đặt của nó) được chuyển sang.</translation>
    </message>
    <message>
        <source>Start for real</source>
        <translation>Bắt đầu dùng thật</translation>
    </message>
    <message>
        <source>Keep trying</source>
        <translation>Tiếp tục dùng thử</translation>
    </message>
    <message>
        <source>The trial installation</source>
        <translation>Bản dùng thử</translation>
    </message>
    <message>
        <source>Delete the trial installation with its sample data now? If you keep it, "Try it with sample data" (in the setup and in Settings) opens it again as you left it.</source>
        <translation>Xóa bản dùng thử cùng dữ liệu mẫu ngay bây giờ? Nếu giữ lại, có thể mở lại đúng như lúc rời đi bằng “Dùng thử với dữ liệu mẫu” (trong phần thiết lập và trong Cài đặt).</translation>
    </message>
    <message>
        <source>Delete it</source>
        <translation>Xóa bản dùng thử</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Giữ lại</translation>
    </message>
    <message>
        <source>Opening your own installation…</source>
        <translation>Đang mở phần cài đặt của đơn vị…</translation>
    </message>
    <message>
        <source>Reset the sample data</source>
        <translation>Làm lại dữ liệu mẫu</translation>
    </message>
    <message>
        <source>Make the sample data anew? Everything you tried in the trial (new reports, signatures, settings) is deleted.</source>
        <translation>Làm lại dữ liệu mẫu từ đầu? Mọi thứ đã thử trong bản dùng thử (báo cáo mới, chữ ký, cài đặt) sẽ bị xóa.</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Làm lại</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>EditorEvidence</name>
    <message>
        <source>Evidence (tài liệu kiểm chứng)</source>
        <translation>Tài liệu kiểm chứng</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Tiêu chí</translation>
    </message>
</context>
<context>
    <name>EditorHeader</name>
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
        <source>Check every rule and list what is left to do.</source>
        <translation>Kiểm tra mọi quy tắc và liệt kê những việc còn phải làm.</translation>
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
        <source>Pre&amp;view</source>
        <translation>&amp;Xem trước</translation>
    </message>
    <message>
        <source>The report as it will be printed (PDF).</source>
        <translation>Báo cáo đúng như khi in ra (PDF).</translation>
    </message>
    <message>
        <source>Si&amp;gn digitally…</source>
        <translation>&amp;Ký số…</translation>
    </message>
    <message>
        <source>Sign the finalised report with the chairman's digital signature.</source>
        <translation>Ký báo cáo đã hoàn thành bằng chữ ký số của Chủ tịch.</translation>
    </message>
    <message>
        <source>Sen&amp;d…</source>
        <translation>&amp;Gửi…</translation>
    </message>
    <message>
        <source>Send the signed report: through the outbox, or as a file on a USB stick or in a folder.</source>
        <translation>Gửi báo cáo đã ký: qua hộp thư đi, hoặc thành tệp trên USB hay trong một thư mục.</translation>
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
        <translation>Cơ quan nhận báo cáo đã trả lại báo cáo này với ý kiến:
%1

Hãy bấm “Tạo bản sửa đổi” để sửa và gửi lại.</translation>
    </message>
    <message>
        <source>The reviewing office returned the previous revision with this comment:
%1</source>
        <translation>Cơ quan nhận báo cáo đã trả lại bản trước với ý kiến:
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
</context>
<context>
    <name>EditorIntake</name>
    <message>
        <source>Paste figures</source>
        <translation>Dán số liệu</translation>
    </message>
    <message>
        <source>Only one column or one row of figures can be pasted into these fields: copy a single column in Excel and paste again.</source>
        <translation>Chỉ dán được một cột hoặc một dòng số vào các ô này: hãy chép một cột trong Excel rồi dán lại.</translation>
    </message>
    <message>
        <source>paste into “%1”</source>
        <translation>dán vào “%1”</translation>
    </message>
    <message>
        <source>“%1” was not pasted into “%2”: written this way it is a decimal number, and this field takes whole numbers. If it is a count with a thousands separator, copy it without the separator (%3).</source>
        <translation>Chưa dán “%1” vào “%2”: viết như vậy là một số thập phân, còn ô này chỉ nhận số nguyên. Nếu đó là số lượng có dấu phân cách hàng nghìn, hãy chép số không có dấu phân cách (%3).</translation>
    </message>
    <message>
        <source>%1 figures were pasted into the fields of “%2”; the other %3 had no field to go in and were left out.</source>
        <translation>Đã dán %1 số vào các ô của “%2”; %3 số còn lại không có ô để dán nên đã bỏ qua.</translation>
    </message>
    <message>
        <source>Choose the one-stop shop's statistics file</source>
        <translation>Chọn tệp thống kê của bộ phận một cửa</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>Bảng tính (*.xlsx *.csv *.txt);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Could not read the file</source>
        <translation>Không đọc được tệp</translation>
    </message>
    <message>
        <source>import from %1</source>
        <translation>nhập từ %1</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <source>Document</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Số, ký hiệu</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Trang, mục</translation>
    </message>
    <message>
        <source>Evidence documents of the criterion</source>
        <translation>Tài liệu kiểm chứng của tiêu chí</translation>
    </message>
    <message>
        <source>e.g. 12/KH-UBND</source>
        <translation>ví dụ 12/KH-UBND</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>ngày/tháng/năm</translation>
    </message>
    <message>
        <source>page 3, part II</source>
        <translation>trang 3, mục II</translation>
    </message>
    <message>
        <source>Number and symbol</source>
        <translation>Số, ký hiệu văn bản</translation>
    </message>
    <message>
        <source>Date issued</source>
        <translation>Ngày ban hành</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Trích yếu, tên tài liệu</translation>
    </message>
    <message>
        <source>Page or part that proves it</source>
        <translation>Trang, mục chứng minh</translation>
    </message>
    <message>
        <source>Attach a file…</source>
        <translation>Đính kèm tệp…</translation>
    </message>
    <message>
        <source>Remove the selected document</source>
        <translation>Bỏ tài liệu đang chọn</translation>
    </message>
    <message>
        <source>Our signed reports of the year</source>
        <translation>Các báo cáo đã ký của xã trong năm</translation>
    </message>
    <message>
        <source>Attach this report</source>
        <translation>Đính kèm báo cáo này</translation>
    </message>
    <message>
        <source>Or our signed report:</source>
        <translation>Hoặc báo cáo đã ký của xã:</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>Giải trình</translation>
    </message>
    <message>
        <source>Save the explanation</source>
        <translation>Lưu giải trình</translation>
    </message>
    <message>
        <source>Explanation (giải trình) where there is no document:</source>
        <translation>Giải trình (khi chưa có tài liệu kiểm chứng):</translation>
    </message>
    <message>
        <source>(no signed report of this year yet)</source>
        <translation>(chưa có báo cáo đã ký nào trong năm)</translation>
    </message>
    <message>
        <source>Choose a criterion to see its evidence.</source>
        <translation>Chọn một tiêu chí để xem tài liệu kiểm chứng.</translation>
    </message>
    <message>
        <source>Computed from the filed reports: %1</source>
        <translation>Tự tính từ các báo cáo đã gửi: %1</translation>
    </message>
    <message>
        <source>%1 (required)</source>
        <translation>%1 (bắt buộc)</translation>
    </message>
    <message>
        <source>Evidence: %1</source>
        <translation>Tài liệu kiểm chứng: %1</translation>
    </message>
    <message>
        <source>A file is missing or damaged: %1</source>
        <translation>Tệp bị mất hoặc hỏng: %1</translation>
    </message>
    <message>
        <source>Signed by %1</source>
        <translation>Ký số bởi %1</translation>
    </message>
    <message>
        <source>Attach evidence</source>
        <translation>Đính kèm tài liệu kiểm chứng</translation>
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
        <source>Computed from the filed monthly reports.</source>
        <translation>Tự tính từ các báo cáo tháng đã gửi.</translation>
    </message>
    <message>
        <source>Scored by the province, not by the commune.</source>
        <translation>Do tỉnh chấm, xã không tự chấm.</translation>
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
    <name>FormPages</name>
    <message>
        <source>&amp;Import statistics…</source>
        <translation>&amp;Nhập từ tệp thống kê…</translation>
    </message>
    <message>
        <source>Fill the dossier figures from the statistics (XLSX or CSV) exported by the one-stop shop's software.</source>
        <translation>Điền số liệu hồ sơ từ bảng thống kê (XLSX hoặc CSV) xuất ra từ phần mềm của bộ phận một cửa.</translation>
    </message>
</context>
<context>
    <name>FormsPage</name>
    <message>
        <source>Forms and calendar</source>
        <translation>Biểu mẫu và lịch làm việc</translation>
    </message>
    <message>
        <source>Communes use only the forms built into the program and those this office publishes. A form or calendar you publish goes to every commune with its next feedback package; a report made on a form this office did not issue is refused.</source>
        <translation>Các xã chỉ dùng biểu mẫu có sẵn trong chương trình và biểu mẫu do cơ quan này ban hành. Biểu mẫu hoặc lịch làm việc được ban hành sẽ gửi tới mọi xã cùng gói phản hồi tiếp theo; báo cáo lập trên biểu mẫu cơ quan này không ban hành sẽ bị từ chối.</translation>
    </message>
    <message>
        <source>&amp;Install a form file…</source>
        <translation>&amp;Cài tệp biểu mẫu…</translation>
    </message>
    <message>
        <source>&amp;Publish to communes</source>
        <translation>&amp;Ban hành cho các xã</translation>
    </message>
    <message>
        <source>Install a &amp;calendar file…</source>
        <translation>Cài tệp &amp;lịch làm việc…</translation>
    </message>
    <message>
        <source>Publish the c&amp;alendar</source>
        <translation>Ban hành l&amp;ịch làm việc</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Biểu mẫu</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Phiên bản</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tên biểu mẫu</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Ngày ban hành</translation>
    </message>
    <message>
        <source>Form definitions</source>
        <translation>Các biểu mẫu</translation>
    </message>
    <message>
        <source>built in</source>
        <translation>có sẵn trong chương trình</translation>
    </message>
    <message>
        <source>issued by this office</source>
        <translation>do cơ quan này ban hành</translation>
    </message>
    <message>
        <source>received from the reviewing office</source>
        <translation>nhận từ cơ quan nhận báo cáo</translation>
    </message>
    <message>
        <source>sent by a commune before version 1.1 (not accepted for new reports)</source>
        <translation>do xã gửi trước phiên bản 1.1 (không nhận báo cáo mới lập trên biểu mẫu này)</translation>
    </message>
    <message>
        <source>Working-day calendar: official arrangements for %1 (%2).</source>
        <translation>Lịch làm việc: có lịch nghỉ chính thức của các năm %1 (%2).</translation>
    </message>
    <message>
        <source>shipped with the program</source>
        <translation>kèm chương trình</translation>
    </message>
    <message>
        <source>It is published to the communes.</source>
        <translation>Đã ban hành cho các xã.</translation>
    </message>
    <message>
        <source>A form definition file</source>
        <translation>Tệp định nghĩa biểu mẫu</translation>
    </message>
    <message>
        <source>Form definitions (*.toml)</source>
        <translation>Định nghĩa biểu mẫu (*.toml)</translation>
    </message>
    <message>
        <source>Send %1 (version %2) to every commune with the next feedback package?</source>
        <translation>Gửi %1 (phiên bản %2) cho mọi xã cùng gói phản hồi tiếp theo?</translation>
    </message>
    <message>
        <source>Publish the form?</source>
        <translation>Ban hành biểu mẫu?</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Ban hành</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Để sau</translation>
    </message>
    <message>
        <source>A working-day calendar file</source>
        <translation>Tệp lịch làm việc</translation>
    </message>
    <message>
        <source>Calendars (*.toml)</source>
        <translation>Lịch làm việc (*.toml)</translation>
    </message>
</context>
<context>
    <name>ImportResultModel</name>
    <message>
        <source>Imported</source>
        <translation>Đã nhận</translation>
    </message>
    <message>
        <source>Already had</source>
        <translation>Đã có</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Bị từ chối</translation>
    </message>
    <message>
        <source>Part kept, waiting for the others</source>
        <translation>Đã giữ phần này, chờ các phần còn lại</translation>
    </message>
    <message>
        <source>Kept in quarantine: %1</source>
        <translation>Đã cất vào khu cách ly: %1</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Xã</translation>
    </message>
    <message>
        <source>Reason / quarantine</source>
        <translation>Lý do / nơi cách ly</translation>
    </message>
    <message>
        <source>Came from</source>
        <translation>Nhận từ</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>Inbox</source>
        <translation>Hộp thư đến</translation>
    </message>
    <message>
        <source>Drop the packages (.cchc files) or whole folders onto this window — from a USB stick, an e-mail attachment or a shared folder — or pick them.</source>
        <translation>Kéo thả các gói báo cáo (tệp .cchc) hoặc cả thư mục vào cửa sổ này — từ USB, tệp đính kèm thư điện tử hay thư mục dùng chung — hoặc chọn chúng.</translation>
    </message>
    <message>
        <source>Pick &amp;files…</source>
        <translation>Chọn &amp;tệp…</translation>
    </message>
    <message>
        <source>Pick a f&amp;older…</source>
        <translation>Chọn &amp;thư mục…</translation>
    </message>
    <message>
        <source>&amp;Trust this sender…</source>
        <translation>&amp;Tin cậy nơi gửi này…</translation>
    </message>
    <message>
        <source>Handed over in person on:</source>
        <translation>Giao tận tay ngày:</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Tiến độ nhận gói</translation>
    </message>
    <message>
        <source>&amp;Stop importing</source>
        <translation>&amp;Dừng nhận</translation>
    </message>
    <message>
        <source>Import results</source>
        <translation>Kết quả nhận gói</translation>
    </message>
    <message>
        <source>Importing %1 file(s)…</source>
        <translation>Đang nhận %1 tệp…</translation>
    </message>
    <message>
        <source>Stopping after the current file…</source>
        <translation>Sẽ dừng sau tệp đang nhận…</translation>
    </message>
    <message>
        <source>%1 imported, %2 already had, %3 refused.</source>
        <translation>%1 gói đã nhận, %2 gói đã có, %3 gói bị từ chối.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Đã dừng.</translation>
    </message>
    <message>
        <source>Refused files are kept in the quarantine folder with the reason.</source>
        <translation>Các tệp bị từ chối được cất trong thư mục cách ly kèm lý do.</translation>
    </message>
    <message>
        <source>The packages could not be imported</source>
        <translation>Không nhận được các gói</translation>
    </message>
    <message>
        <source>Pick packages</source>
        <translation>Chọn gói báo cáo</translation>
    </message>
    <message>
        <source>Packages (*.cchc);;All files (*)</source>
        <translation>Gói báo cáo (*.cchc);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Pick a folder with packages</source>
        <translation>Chọn thư mục chứa các gói</translation>
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
        <translation>Máy này được thiết lập cho cơ quan nhận báo cáo. Cửa sổ làm việc của cơ quan nhận báo cáo (nhận gói báo cáo của các xã, kiểm tra và tổng hợp) sẽ có trong phiên bản tiếp theo của chương trình.</translation>
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
        <source>The report is signed.</source>
        <translation>Báo cáo đã được ký số.</translation>
    </message>
    <message>
        <source>Receive feedback</source>
        <translation>Nhận phản hồi</translation>
    </message>
    <message>
        <source>Drop one package at a time; the first one is received now.</source>
        <translation>Mỗi lần chỉ thả một gói; gói đầu tiên được nhận ngay bây giờ.</translation>
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
    <name>OutboxPage</name>
    <message>
        <source>Outbox</source>
        <translation>Hộp thư đi</translation>
    </message>
    <message>
        <source>Press “Send” once: the package waits here and leaves by itself as soon as the connection allows, even after the program was closed. A package counts as delivered when its receipt comes back.</source>
        <translation>Chỉ cần bấm “Gửi” một lần: gói chờ ở đây và tự gửi đi ngay khi có mạng, kể cả sau khi đã đóng chương trình. Gói chỉ được coi là đã đến nơi khi nhận được biên nhận.</translation>
    </message>
    <message>
        <source>Packages in the outbox</source>
        <translation>Các gói trong hộp thư đi</translation>
    </message>
    <message>
        <source>The outbox is empty.</source>
        <translation>Hộp thư đi trống.</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Gửi</translation>
    </message>
    <message>
        <source>Put the finished reports in a package and send it</source>
        <translation>Đóng gói các báo cáo đã hoàn thành và gửi đi</translation>
    </message>
    <message>
        <source>Send again &amp;now</source>
        <translation>Gửi lại &amp;ngay</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Làm mới</translation>
    </message>
    <message>
        <source>Not automatically (USB stick only)</source>
        <translation>Không gửi tự động (chỉ dùng USB)</translation>
    </message>
    <message>
        <source>By e-mail</source>
        <translation>Qua thư điện tử</translation>
    </message>
    <message>
        <source>To the shared server (WebDAV)</source>
        <translation>Lên máy chủ chung (WebDAV)</translation>
    </message>
    <message>
        <source>To a folder (network drive, synced folder)</source>
        <translation>Vào một thư mục (ổ mạng, thư mục đồng bộ)</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Không mã hóa</translation>
    </message>
    <message>
        <source>https://…</source>
        <translation>https://…</translation>
    </message>
    <message>
        <source>Outgoing mail &amp;server (SMTP):</source>
        <translation>&amp;Máy chủ gửi thư (SMTP):</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Cổng:</translation>
    </message>
    <message>
        <source>Se&amp;curity:</source>
        <translation>&amp;Bảo mật:</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>Tên đăng &amp;nhập:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Mật &amp;khẩu:</translation>
    </message>
    <message>
        <source>Reviewer's e-mail &amp;address:</source>
        <translation>&amp;Địa chỉ thư cơ quan cấp trên:</translation>
    </message>
    <message>
        <source>Server &amp;folder address:</source>
        <translation>Địa chỉ &amp;thư mục trên máy chủ:</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Thư mục:</translation>
    </message>
    <message>
        <source>Save &amp;how packages are sent</source>
        <translation>Lưu &amp;cách gửi</translation>
    </message>
    <message>
        <source>&amp;How packages are sent:</source>
        <translation>&amp;Cách gửi gói:</translation>
    </message>
    <message>
        <source>Sending automatically</source>
        <translation>Gửi tự động</translation>
    </message>
    <message>
        <source>Received packages</source>
        <translation>Gói đã nhận</translation>
    </message>
    <message>
        <source>Receive packages from the mailbox / server</source>
        <translation>Nhận gói từ hộp thư / máy chủ</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Gói</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Đơn vị gửi</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Thời điểm nhận</translation>
    </message>
    <message>
        <source>Came from</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <source>stored (type to replace it)</source>
        <translation>đã lưu (gõ để thay)</translation>
    </message>
    <message>
        <source>not stored yet</source>
        <translation>chưa lưu</translation>
    </message>
    <message>
        <source>Passwords are kept in the computer's password store and are never shown again; type one only to change it.</source>
        <translation>Mật khẩu được cất trong kho mật khẩu của máy và không bao giờ hiện lại; chỉ gõ khi cần đổi.</translation>
    </message>
    <message>
        <source>In the outbox: %1. It leaves by itself when the connection allows.</source>
        <translation>Đã đưa vào hộp thư đi: %1. Gói sẽ tự gửi khi có mạng.</translation>
    </message>
    <message>
        <source>There is no finished report to send.</source>
        <translation>Không có báo cáo đã hoàn thành nào cần gửi.</translation>
    </message>
    <message>
        <source>Saved how packages are sent.</source>
        <translation>Đã lưu cách gửi gói.</translation>
    </message>
    <message>
        <source>Receiving…</source>
        <translation>Đang nhận…</translation>
    </message>
    <message>
        <source>No mailbox, shared server or watched folder is set up to receive packages from.</source>
        <translation>Chưa cài đặt hộp thư, máy chủ chung hay thư mục theo dõi nào để nhận gói.</translation>
    </message>
    <message>
        <source>No new package.</source>
        <translation>Không có gói mới.</translation>
    </message>
</context>
<context>
    <name>OutboxTableModel</name>
    <message>
        <source>Package</source>
        <translation>Gói</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Số lần gửi</translation>
    </message>
    <message>
        <source>Next try</source>
        <translation>Thử lại lúc</translation>
    </message>
    <message>
        <source>Last problem</source>
        <translation>Lỗi gần nhất</translation>
    </message>
    <message>
        <source>waiting for the network</source>
        <translation>chờ mạng</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>chờ gửi</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>đang gửi</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>đã gửi</translation>
    </message>
    <message>
        <source>sent, waiting for the receipt</source>
        <translation>đã gửi, chờ biên nhận</translation>
    </message>
    <message>
        <source>receipt received</source>
        <translation>đã nhận biên nhận</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>cần xử lý</translation>
    </message>
    <message>
        <source>cannot be sent</source>
        <translation>không gửi được</translation>
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
    <name>ParIndexPage</name>
    <message>
        <source>PAR index (Chỉ số CCHC)</source>
        <translation>Chỉ số cải cách hành chính</translation>
    </message>
    <message>
        <source>Scoring report</source>
        <translation>Phiếu chấm điểm</translation>
    </message>
    <message>
        <source>Print for the monthly briefing…</source>
        <translation>In cho buổi giao ban tháng…</translation>
    </message>
    <message>
        <source>Send the evidence files in full again…</source>
        <translation>Gửi lại đầy đủ tài liệu kiểm chứng…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <source>Scoring report:</source>
        <translation>Phiếu chấm điểm:</translation>
    </message>
    <message>
        <source>The province's appraisal</source>
        <translation>Kết quả thẩm định của tỉnh</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Tiêu chí</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Điểm</translation>
    </message>
    <message>
        <source>How scored</source>
        <translation>Cách chấm</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Criteria of the year</source>
        <translation>Các tiêu chí của năm</translation>
    </message>
    <message>
        <source>Not yet met (the most points at stake first)</source>
        <translation>Tiêu chí chưa đạt (điểm còn thiếu nhiều nhất lên đầu)</translation>
    </message>
    <message>
        <source>Points at stake</source>
        <translation>Điểm còn thiếu</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Criteria not yet met</source>
        <translation>Các tiêu chí chưa đạt</translation>
    </message>
    <message>
        <source>No scoring report yet: make one in Reports (form “%1”).</source>
        <translation>Chưa có phiếu chấm điểm: hãy tạo ở mục Báo cáo (biểu mẫu “%1”).</translation>
    </message>
    <message>
        <source>Appraised by the province: %1 points</source>
        <translation>Tỉnh thẩm định: %1 điểm</translation>
    </message>
    <message>
        <source>you may explain until %1 (amend the report, write the explanation, sign and send)</source>
        <translation>xã được giải trình đến ngày %1 (tạo bản sửa đổi, ghi giải trình, ký và gửi)</translation>
    </message>
    <message>
        <source>rank %1 of %2, %3</source>
        <translation>xếp hạng %1/%2, %3</translation>
    </message>
    <message>
        <source>%1 of %2 points</source>
        <translation>%1/%2 điểm</translation>
    </message>
    <message>
        <source>The province's reason: %1</source>
        <translation>Lý do của tỉnh: %1</translation>
    </message>
    <message>
        <source>computed</source>
        <translation>tự tính</translation>
    </message>
    <message>
        <source>by the province</source>
        <translation>tỉnh chấm</translation>
    </message>
    <message>
        <source>levels</source>
        <translation>chọn mức</translation>
    </message>
    <message>
        <source>typed</source>
        <translation>tự chấm</translation>
    </message>
    <message>
        <source>proved</source>
        <translation>đủ tài liệu</translation>
    </message>
    <message>
        <source>from the filed reports</source>
        <translation>từ báo cáo đã gửi</translation>
    </message>
    <message>
        <source>explained</source>
        <translation>đã giải trình</translation>
    </message>
    <message>
        <source>evidence missing</source>
        <translation>thiếu tài liệu</translation>
    </message>
    <message>
        <source>file missing or damaged</source>
        <translation>tệp mất hoặc hỏng</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
    <message>
        <source>Choose the folder for the package with every evidence file</source>
        <translation>Chọn thư mục lưu gói có đầy đủ tài liệu kiểm chứng</translation>
    </message>
    <message>
        <source>The scoring report was written again with every evidence file, also those the reviewing office already had (%1 file(s) in %2). Take them to the reviewing office or attach them to an e-mail; its import puts back the files it lost.</source>
        <translation>Đã ghi lại phiếu chấm điểm kèm đầy đủ tài liệu kiểm chứng, cả những tệp cơ quan nhận báo cáo đã có (%1 tệp trong %2). Hãy mang đến cơ quan nhận báo cáo hoặc đính kèm thư điện tử; khi nhận gói, họ sẽ có lại các tệp đã mất.</translation>
    </message>
    <message>
        <source>Evidence sent in full</source>
        <translation>Đã ghi đầy đủ tài liệu kiểm chứng</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Mở thư mục</translation>
    </message>
    <message>
        <source>Save the briefing document</source>
        <translation>Lưu tài liệu giao ban</translation>
    </message>
    <message>
        <source>The briefing document was saved: %1</source>
        <translation>Đã lưu tài liệu giao ban: %1</translation>
    </message>
    <message>
        <source>PAR index</source>
        <translation>Chỉ số CCHC</translation>
    </message>
    <message>
        <source>Criteria set and year</source>
        <translation>Bộ tiêu chí và năm</translation>
    </message>
    <message>
        <source>Import &amp;survey points…</source>
        <translation>Nhập điểm &amp;khảo sát…</translation>
    </message>
    <message>
        <source>S&amp;end the appraisal…</source>
        <translation>&amp;Gửi kết quả thẩm định…</translation>
    </message>
    <message>
        <source>&amp;Lock the scores</source>
        <translation>&amp;Chốt kết quả</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>&amp;Xuất…</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Xã</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Điểm tự chấm</translation>
    </message>
    <message>
        <source>Communes that sent a scoring report</source>
        <translation>Các xã đã gửi phiếu chấm điểm</translation>
    </message>
    <message>
        <source>Find a commune</source>
        <translation>Tìm xã, phường</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Xếp loại</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>Xếp hạng</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>Xếp loại:</translation>
    </message>
    <message>
        <source>Appraisal</source>
        <translation>Thẩm định</translation>
    </message>
    <message>
        <source>appraised</source>
        <translation>đã thẩm định</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>còn %1</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Hạng</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Chỉ số</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <source>No survey points: the appraised points are rescaled to the criteria set's total.</source>
        <translation>Chưa có điểm điều tra xã hội học: điểm thẩm định được quy đổi về tổng điểm của bộ tiêu chí.</translation>
    </message>
    <message>
        <source>%1 communes are not fully appraised: their figures are provisional.</source>
        <translation>Còn %1 xã chưa thẩm định xong: số liệu là tạm tính.</translation>
    </message>
    <message>
        <source>The scores are locked.</source>
        <translation>Kết quả đã chốt.</translation>
    </message>
    <message>
        <source>Communes per class</source>
        <translation>Số xã theo xếp loại</translation>
    </message>
    <message>
        <source>Average per area</source>
        <translation>Điểm bình quân theo lĩnh vực</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>Điểm tối đa</translation>
    </message>
    <message>
        <source>Survey points (one row per commune)</source>
        <translation>Điểm tỉnh chấm (mỗi xã một dòng)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Bảng tính Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Survey points</source>
        <translation>Điểm tỉnh chấm</translation>
    </message>
    <message>
        <source>Imported %1 points for %2 communes.</source>
        <translation>Đã nhập %1 điểm của %2 xã.</translation>
    </message>
    <message>
        <source>Explanation deadline</source>
        <translation>Hạn giải trình</translation>
    </message>
    <message>
        <source>Communes may explain until (dd/mm/yyyy):</source>
        <translation>Các xã được giải trình đến ngày (dd/mm/yyyy):</translation>
    </message>
    <message>
        <source>The date must be written dd/mm/yyyy.</source>
        <translation>Ngày phải ghi dạng dd/mm/yyyy.</translation>
    </message>
    <message>
        <source>Where to write the feedback packages</source>
        <translation>Nơi ghi các gói phản hồi</translation>
    </message>
    <message>
        <source>Send the appraisal</source>
        <translation>Gửi kết quả thẩm định</translation>
    </message>
    <message>
        <source>%1 feedback packages written.</source>
        <translation>Đã ghi %1 gói phản hồi.</translation>
    </message>
    <message>
        <source>Lock the scores</source>
        <translation>Chốt kết quả</translation>
    </message>
    <message>
        <source>Lock every commune's scores and rank them? A change afterwards needs a reopening with its reason.</source>
        <translation>Chốt điểm của tất cả các xã và xếp hạng? Muốn sửa sau khi chốt phải mở lại và ghi lý do.</translation>
    </message>
    <message>
        <source>Export the ranking</source>
        <translation>Xuất kết quả xếp hạng</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;Decree 30 report (*.pdf)</source>
        <translation>Bảng tính Excel (*.xlsx);;Báo cáo theo Nghị định 30 (*.pdf)</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>Đã ghi: %1</translation>
    </message>
</context>
<context>
    <name>Part3ImportDialog</name>
    <message>
        <source>Import from the one-stop shop's file</source>
        <translation>Nhập từ tệp của bộ phận một cửa</translation>
    </message>
    <message>
        <source>File %1, sheet “%2”. Check the column of each figure; change it where it is wrong.</source>
        <translation>Tệp %1, trang tính “%2”. Hãy xem cột của từng chỉ tiêu; chọn lại nếu chưa đúng.</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Cột trong tệp</translation>
    </message>
    <message>
        <source>Will be entered</source>
        <translation>Sẽ nhập</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Hiện có</translation>
    </message>
    <message>
        <source>(not taken)</source>
        <translation>(không lấy)</translation>
    </message>
    <message>
        <source>&amp;Fill the fields</source>
        <translation>Đ&amp;iền vào báo cáo</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>%1 (sum of its parts)</source>
        <translation>%1 (cộng từ các cột thành phần)</translation>
    </message>
    <message>
        <source>The file's total row (row %1) is taken.</source>
        <translation>Lấy dòng tổng cộng của tệp (dòng %1).</translation>
    </message>
    <message>
        <source>%1 rows of the file are added up.</source>
        <translation>Cộng %1 dòng của tệp.</translation>
    </message>
    <message>
        <source>%1 domains</source>
        <translation>%1 lĩnh vực</translation>
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
    <name>PreviewPage</name>
    <message>
        <source>Pages of the report</source>
        <translation>Các trang của báo cáo</translation>
    </message>
    <message>
        <source>← &amp;Back to the report</source>
        <translation>← &amp;Quay lại báo cáo</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Vừa chiều ngang</translation>
    </message>
    <message>
        <source>&amp;Save PDF…</source>
        <translation>&amp;Lưu PDF…</translation>
    </message>
    <message>
        <source>Si&amp;gn digitally…</source>
        <translation>&amp;Ký số…</translation>
    </message>
    <message>
        <source>Preparing the document…</source>
        <translation>Đang chuẩn bị văn bản…</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Phóng to</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Thu nhỏ</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Trang sau</translation>
    </message>
    <message>
        <source>Previous page (Page Up)</source>
        <translation>Trang trước (Page Up)</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Trang trước</translation>
    </message>
    <message>
        <source>Next page (Page Down)</source>
        <translation>Trang sau (Page Down)</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+−)</source>
        <translation>Thu nhỏ (Ctrl+−)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Phóng to (Ctrl++)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;In…</translation>
    </message>
    <message>
        <source>Print on A4 (Ctrl+P)</source>
        <translation>In trên khổ A4 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Signed document</source>
        <translation>Văn bản đã ký số</translation>
    </message>
    <message>
        <source>Preview (not signed)</source>
        <translation>Bản xem trước (chưa ký)</translation>
    </message>
    <message>
        <source>The document cannot be shown</source>
        <translation>Không hiển thị được văn bản</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Trang %1 / %2</translation>
    </message>
    <message>
        <source>Print the report</source>
        <translation>In báo cáo</translation>
    </message>
    <message>
        <source>Sent %1 pages to the printer.</source>
        <translation>Đã gửi %1 trang tới máy in.</translation>
    </message>
    <message>
        <source>The printer could not be used. Check that it is switched on and connected, then try again.</source>
        <translation>Không dùng được máy in. Hãy kiểm tra máy in đã bật và đã nối với máy tính, rồi thử lại.</translation>
    </message>
    <message>
        <source>Save a copy of the PDF</source>
        <translation>Lưu bản sao PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved a copy: %1</source>
        <translation>Đã lưu bản sao: %1</translation>
    </message>
    <message>
        <source>The copy was not saved</source>
        <translation>Chưa lưu được bản sao</translation>
    </message>
</context>
<context>
    <name>Prompter</name>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
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
    <name>RankedBars</name>
    <message>
        <source>No figures for this period.</source>
        <translation>Kỳ này chưa có số liệu.</translation>
    </message>
</context>
<context>
    <name>ReportActions</name>
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
        <source>The report is finalised</source>
        <translation>Báo cáo đã hoàn thành</translation>
    </message>
    <message>
        <source>The report is finalised with number %1. Sign it digitally now?</source>
        <translation>Báo cáo đã hoàn thành, số %1. Ký số ngay bây giờ?</translation>
    </message>
    <message>
        <source>Sign now</source>
        <translation>Ký số ngay</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Để sau</translation>
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
</context>
<context>
    <name>ReportEditor</name>
    <message>
        <source>edit “%1”</source>
        <translation>sửa “%1”</translation>
    </message>
    <message>
        <source>Warning confirmed: %1</source>
        <translation>Đã xác nhận cảnh báo: %1</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>Không lưu được</translation>
    </message>
    <message>
        <source>The report is finalised (number %1).</source>
        <translation>Đã hoàn thành báo cáo (số %1).</translation>
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
        <source>Mark as &amp;sent</source>
        <translation>Ghi nhận đã &amp;gửi</translation>
    </message>
    <message>
        <source>After handing the USB stick to the reviewing office or sending the e-mail: the report becomes “Sent”.</source>
        <translation>Sau khi đã giao USB cho cơ quan nhận báo cáo hoặc đã gửi thư điện tử: báo cáo chuyển sang “Đã gửi”.</translation>
    </message>
    <message>
        <source>E&amp;xport package to send…</source>
        <translation>&amp;Xuất gói gửi…</translation>
    </message>
    <message>
        <source>Write the finalised and signed reports into one package file for the reviewing office (Ctrl+E).</source>
        <translation>Ghi các báo cáo đã hoàn thành và đã ký vào một tệp gói để gửi cơ quan nhận báo cáo (Ctrl+E).</translation>
    </message>
    <message>
        <source>&amp;Receive feedback…</source>
        <translation>&amp;Nhận phản hồi…</translation>
    </message>
    <message>
        <source>Open a package from the reviewing office (.cchc); it can also be dropped on the window (Ctrl+R).</source>
        <translation>Mở gói phản hồi của cơ quan nhận báo cáo (.cchc); cũng có thể kéo thả tệp vào cửa sổ (Ctrl+R).</translation>
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
        <source>Export package to send</source>
        <translation>Xuất gói gửi</translation>
    </message>
    <message>
        <source>Receive feedback</source>
        <translation>Nhận phản hồi</translation>
    </message>
    <message>
        <source>This period: %1, deadline %2. Its report is already created.</source>
        <translation>Kỳ này: %1, hạn gửi %2. Báo cáo của kỳ này đã được tạo.</translation>
    </message>
    <message>
        <source>&amp;Open this period's report</source>
        <translation>&amp;Mở báo cáo kỳ này</translation>
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
        <source>Mark the report as sent?</source>
        <translation>Ghi nhận báo cáo đã gửi?</translation>
    </message>
    <message>
        <source>Has the package with this report been handed to the reviewing office or sent by e-mail?</source>
        <translation>Gói chứa báo cáo này đã được giao cho cơ quan nhận báo cáo hoặc đã gửi qua thư điện tử chưa?</translation>
    </message>
    <message>
        <source>Yes, it was sent</source>
        <translation>Đã gửi rồi</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Chưa</translation>
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
    <name>ReportViewPage</name>
    <message>
        <source>← &amp;Board</source>
        <translation>← &amp;Bảng theo dõi</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;Chấp nhận</translation>
    </message>
    <message>
        <source>&amp;Return with a comment…</source>
        <translation>&amp;Trả lại kèm ý kiến…</translation>
    </message>
    <message>
        <source>E&amp;xport feedback…</source>
        <translation>&amp;Xuất phản hồi…</translation>
    </message>
    <message>
        <source>Revision history</source>
        <translation>Lịch sử các lần gửi</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Số liệu</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>Các lần sửa đổi</translation>
    </message>
    <message>
        <source>%1 — %2, revision %3</source>
        <translation>%1 — %2, lần %3</translation>
    </message>
    <message>
        <source>Received; waiting for your decision.</source>
        <translation>Đã nhận; chờ anh/chị quyết định.</translation>
    </message>
    <message>
        <source>Accepted.</source>
        <translation>Đã chấp nhận.</translation>
    </message>
    <message>
        <source>Returned to the commune: %1</source>
        <translation>Đã trả lại cho xã: %1</translation>
    </message>
    <message>
        <source>Arrived on %1 (%2).</source>
        <translation>Đến Sở ngày %1 (%2).</translation>
    </message>
    <message>
        <source>The commune's package says it was made on %1: the commune's computer clock may be wrong.</source>
        <translation>Gói của xã ghi lập ngày %1: đồng hồ máy xã có thể sai.</translation>
    </message>
    <message>
        <source>Revision %1 of this report never reached this office (the commune may have amended it several times before sending, or a package was lost); ask the commune if you need them.</source>
        <translation>Sở chưa nhận lần %1 của báo cáo này (xã có thể đã sửa nhiều lần trước khi gửi, hoặc gói bị thất lạc); hãy hỏi xã nếu cần xem các lần đó.</translation>
    </message>
    <message>
        <source>Revision %1 arrived after revision %2: kept in the history, revision %3 is still the one under review.</source>
        <translation>Lần %1 đến sau lần %2: đã lưu vào lịch sử, lần %3 vẫn là bản đang xét.</translation>
    </message>
    <message>
        <source>the mail server's time</source>
        <translation>theo giờ máy chủ thư</translation>
    </message>
    <message>
        <source>the shared folder server's time</source>
        <translation>theo giờ máy chủ thư mục chung</translation>
    </message>
    <message>
        <source>the watched folder</source>
        <translation>thư mục nhận gói</translation>
    </message>
    <message>
        <source>date registered at import</source>
        <translation>ngày vào sổ khi nhận gói</translation>
    </message>
    <message>
        <source>import time</source>
        <translation>lúc nhận gói</translation>
    </message>
    <message>
        <source>Revision %1 — never received here</source>
        <translation>Lần %1 — Sở chưa nhận</translation>
    </message>
    <message>
        <source>Revision %1 — received %2 — %3</source>
        <translation>Lần %1 — nhận ngày %2 — %3</translation>
    </message>
    <message>
        <source>Comment: %1</source>
        <translation>Ý kiến: %1</translation>
    </message>
    <message>
        <source>(no figure changed)</source>
        <translation>(không thay đổi số liệu nào)</translation>
    </message>
    <message>
        <source>Return the report</source>
        <translation>Trả lại báo cáo</translation>
    </message>
    <message>
        <source>What must the commune fix? (required; the commune sees this comment)</source>
        <translation>Xã cần sửa gì? (bắt buộc; xã sẽ thấy ý kiến này)</translation>
    </message>
    <message>
        <source>Write a comment so the commune knows what to fix.</source>
        <translation>Hãy ghi ý kiến để xã biết cần sửa gì.</translation>
    </message>
    <message>
        <source>Where to write the feedback package</source>
        <translation>Nơi ghi gói phản hồi</translation>
    </message>
    <message>
        <source>Feedback written</source>
        <translation>Đã xuất phản hồi</translation>
    </message>
    <message>
        <source>Give this file to the commune:
%1</source>
        <translation>Gửi tệp này cho xã:
%1</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>The backup of %1 holds %2 reports; the newest was changed on %3.</source>
        <translation>Bản sao lưu lúc %1 có %2 báo cáo, mới nhất sửa ngày %3.</translation>
    </message>
    <message>
        <source>The current data cannot be read: it is damaged.</source>
        <translation>Dữ liệu hiện tại không đọc được vì bị hỏng.</translation>
    </message>
    <message>
        <source>The data now holds %1 reports; the newest was changed on %2.</source>
        <translation>Hiện tại có %1 báo cáo, mới nhất sửa ngày %2.</translation>
    </message>
    <message>
        <source>%1 reports will be lost: they are not in the backup.</source>
        <translation>%1 báo cáo sẽ mất vì không có trong bản sao lưu.</translation>
    </message>
    <message>
        <source>%1 reports that are gone now come back.</source>
        <translation>%1 báo cáo hiện không còn sẽ có lại.</translation>
    </message>
    <message>
        <source>The same reports are in both; what changed since the backup is undone.</source>
        <translation>Hai bên có cùng các báo cáo; những gì sửa sau lúc sao lưu sẽ mất.</translation>
    </message>
    <message>
        <source>Careful: this backup belongs to another unit (%1) than the current data (%2).</source>
        <translation>Chú ý: bản sao lưu này của đơn vị khác (%1), không phải đơn vị hiện tại (%2).</translation>
    </message>
    <message>
        <source>The backup was made by an older version of the program; it is brought up to date.</source>
        <translation>Bản sao lưu do phiên bản cũ của chương trình tạo; sẽ được cập nhật sau khi khôi phục.</translation>
    </message>
    <message>
        <source>The damaged data file is kept aside in the backups folder, not deleted.</source>
        <translation>Tệp dữ liệu hỏng được giữ lại trong thư mục sao lưu, không bị xóa.</translation>
    </message>
    <message>
        <source>A backup of the current data is made first, so this can be undone.</source>
        <translation>Trước khi khôi phục, dữ liệu hiện tại được sao lưu nên có thể làm lại như cũ.</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Khôi phục bản sao lưu</translation>
    </message>
    <message>
        <source>Restore the backup %1?</source>
        <translation>Khôi phục bản sao lưu %1?</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Khôi phục</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>ReviewerDocumentPage</name>
    <message>
        <source>The Department's own documents</source>
        <translation>Văn bản của Sở</translation>
    </message>
    <message>
        <source>How the consolidated report is signed and who receives copies of it.</source>
        <translation>Báo cáo tổng hợp do ai ký và gửi cho những nơi nào.</translation>
    </message>
    <message>
        <source>The consolidated report is the Department's document: it is signed by the director, or by a deputy director “KT. GIÁM ĐỐC”, and copied to the Ministry, not to a commune's bodies. You can change this later in Settings.</source>
        <translation>Báo cáo tổng hợp là văn bản của Sở: Giám đốc ký, hoặc Phó Giám đốc ký thay “KT. GIÁM ĐỐC”, và gửi Bộ Nội vụ chứ không gửi các cơ quan của xã. Có thể sửa lại sau trong phần Cài đặt.</translation>
    </message>
    <message>
        <source>The &amp;director signs</source>
        <translation>&amp;Giám đốc ký</translation>
    </message>
    <message>
        <source>A de&amp;puty director signs for the director (KT. GIÁM ĐỐC)</source>
        <translation>&amp;Phó Giám đốc ký thay (KT. GIÁM ĐỐC)</translation>
    </message>
    <message>
        <source>Who signs:</source>
        <translation>Người ký:</translation>
    </message>
    <message>
        <source>Signer's &amp;position:</source>
        <translation>Chức &amp;vụ người ký:</translation>
    </message>
    <message>
        <source>&amp;Copies to (one per line):</source>
        <translation>&amp;Nơi nhận (mỗi dòng một nơi):</translation>
    </message>
    <message>
        <source>Filed &amp;at (“Lưu:”):</source>
        <translation>&amp;Lưu:</translation>
    </message>
</context>
<context>
    <name>ReviewerWindow</name>
    <message>
        <source>Báo cáo CCHC — %1</source>
        <translation>Báo cáo CCHC — %1</translation>
    </message>
    <message>
        <source>Sections of the program</source>
        <translation>Các phần của chương trình</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Hộp thư đến</translation>
    </message>
    <message>
        <source>Status board</source>
        <translation>Bảng theo dõi</translation>
    </message>
    <message>
        <source>Consolidation</source>
        <translation>Tổng hợp</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>So sánh</translation>
    </message>
    <message>
        <source>Trust</source>
        <translation>Tin cậy</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>Biểu mẫu</translation>
    </message>
    <message>
        <source>E&amp;xport feedback…</source>
        <translation>&amp;Xuất phản hồi…</translation>
    </message>
    <message>
        <source>Write a feedback package for every commune with news</source>
        <translation>Ghi gói phản hồi cho mọi xã có tin mới</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Phiên bản %1</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <source>PAR index</source>
        <translation>Chỉ số CCHC</translation>
    </message>
    <message>
        <source>Where to write the feedback packages</source>
        <translation>Nơi ghi các gói phản hồi</translation>
    </message>
    <message>
        <source>Export feedback</source>
        <translation>Xuất phản hồi</translation>
    </message>
    <message>
        <source>No commune has news: nothing was written.</source>
        <translation>Không xã nào có tin mới: không ghi gói nào.</translation>
    </message>
    <message>
        <source>%1 feedback package(s) written:
%2</source>
        <translation>Đã ghi %1 gói phản hồi:
%2</translation>
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
        <translation>Chương trình làm việc hơi khác nhau cho cấp xã và cho cơ quan nhận báo cáo.</translation>
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
        <translation>&amp;Cơ quan nhận báo cáo (Sở Nội vụ tỉnh, thành phố)</translation>
    </message>
    <message>
        <source>Receives the communes' reports, checks them, accepts or returns them.</source>
        <translation>Nhận báo cáo của các xã, kiểm tra, chấp nhận hoặc trả lại.</translation>
    </message>
</context>
<context>
    <name>SectionList</name>
    <message>
        <source>Parts of the report</source>
        <translation>Các phần của báo cáo</translation>
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
</context>
<context>
    <name>SendReceive</name>
    <message>
        <source>Export package</source>
        <translation>Xuất gói gửi</translation>
    </message>
    <message>
        <source>A USB drive is plugged in: “%1” (%2). Write the package to it?</source>
        <translation>Đang cắm ổ USB “%1” (%2). Ghi gói gửi vào ổ này?</translation>
    </message>
    <message>
        <source>Write to this drive</source>
        <translation>Ghi vào ổ này</translation>
    </message>
    <message>
        <source>Choose another folder</source>
        <translation>Chọn thư mục khác</translation>
    </message>
    <message>
        <source>Choose the folder for the package</source>
        <translation>Chọn thư mục để ghi gói gửi</translation>
    </message>
    <message>
        <source>Writing the package…</source>
        <translation>Đang ghi gói gửi…</translation>
    </message>
    <message>
        <source>Package exported</source>
        <translation>Đã xuất gói gửi</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Mở thư mục</translation>
    </message>
    <message>
        <source>Putting the package in the outbox…</source>
        <translation>Đang đưa gói vào hộp thư đi…</translation>
    </message>
    <message>
        <source>by e-mail</source>
        <translation>qua thư điện tử</translation>
    </message>
    <message>
        <source>to the reviewing office's server</source>
        <translation>lên máy chủ của cơ quan nhận báo cáo</translation>
    </message>
    <message>
        <source>to the shared folder</source>
        <translation>vào thư mục dùng chung</translation>
    </message>
    <message>
        <source>The report is in the outbox and will be sent %1 as soon as there is a connection; the Outbox page shows when it has left.

A copy of the package is here:
%2</source>
        <translation>Báo cáo đã vào hộp thư đi và sẽ được gửi %1 ngay khi có kết nối; trang “Hộp thư đi” cho biết khi nào gói đã đi.

Bản sao của gói nằm ở:
%2</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Gửi báo cáo</translation>
    </message>
    <message>
        <source>The package is written (%1 reports, %2 KB).

Folder: %3
File: %4

It has not been sent yet: take this file to the reviewing office, or attach it to an e-mail to them.</source>
        <translation>Đã ghi gói (%1 báo cáo, %2 KB).

Thư mục: %3
Tệp: %4

Gói chưa được gửi đi: hãy mang tệp này tới cơ quan nhận báo cáo, hoặc đính kèm vào thư điện tử gửi cho họ.</translation>
    </message>
    <message>
        <source>The package was not written</source>
        <translation>Chưa ghi được gói gửi</translation>
    </message>
    <message>
        <source>Receive feedback</source>
        <translation>Nhận phản hồi</translation>
    </message>
    <message>
        <source>Packages (*.cchc)</source>
        <translation>Gói CCHC (*.cchc)</translation>
    </message>
    <message>
        <source>Reading the package…</source>
        <translation>Đang đọc gói…</translation>
    </message>
    <message>
        <source>• Nothing to change.</source>
        <translation>• Không có gì thay đổi.</translation>
    </message>
    <message>
        <source>Received the package %1. What changed:</source>
        <translation>Đã nhận gói %1. Những thay đổi:</translation>
    </message>
    <message>
        <source>The package %1 was already received before; nothing changed.</source>
        <translation>Gói %1 đã được nhận trước đây; không có gì thay đổi.</translation>
    </message>
    <message>
        <source>The package was refused</source>
        <translation>Gói bị từ chối</translation>
    </message>
    <message>
        <source>A copy is kept in: %1</source>
        <translation>Bản sao của tệp được giữ tại: %1</translation>
    </message>
    <message>
        <source>This package comes from %1, whose certificate this computer does not know yet.

Its fingerprint:
%2

Phone the reviewing office and ask them to read out the fingerprint of their certificate. Only if every character matches, trust it.

Have you phoned the reviewing office and compared the fingerprint?</source>
        <translation>Gói này của %1, nhưng máy này chưa biết chứng thư của đơn vị đó.

Vân tay của chứng thư:
%2

Hãy gọi điện cho Sở Nội vụ, nhờ đọc vân tay chứng thư của Sở. Chỉ khi từng ký tự đều khớp mới tin cậy chứng thư này.

Đã gọi điện so khớp vân tay với Sở Nội vụ chưa?</translation>
    </message>
    <message>
        <source>Confirm the reviewing office's certificate</source>
        <translation>Xác nhận chứng thư của cơ quan nhận báo cáo</translation>
    </message>
    <message>
        <source>Yes, it matches: trust and receive</source>
        <translation>Đã so khớp: tin cậy và nhận gói</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Chưa</translation>
    </message>
    <message>
        <source>The package was not received. Receive it again after comparing the fingerprint by phone.</source>
        <translation>Chưa nhận gói. Hãy nhận lại sau khi đã gọi điện so khớp vân tay.</translation>
    </message>
    <message>
        <source>The package was not received</source>
        <translation>Chưa nhận được gói</translation>
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
        <source>&amp;Copies to (one per line):</source>
        <translation>&amp;Nơi nhận (mỗi dòng một nơi):</translation>
    </message>
    <message>
        <source>Filed &amp;at (“Lưu:”):</source>
        <translation>&amp;Lưu:</translation>
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
        <source>Working-day calendar:</source>
        <translation>Lịch làm việc:</translation>
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
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>&amp;Try it with sample data</source>
        <translation>&amp;Dùng thử với dữ liệu mẫu</translation>
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
        <source>Practice:</source>
        <translation>Thực hành:</translation>
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
        <source>shipped with the program</source>
        <translation>kèm chương trình</translation>
    </message>
    <message>
        <source>installed by the province</source>
        <translation>do tỉnh cài</translation>
    </message>
    <message>
        <source>received from the reviewing office</source>
        <translation>nhận từ cơ quan nhận báo cáo</translation>
    </message>
    <message>
        <source>Statutory holidays, plus the official Tết break and make-up days for %1 (%2).</source>
        <translation>Các ngày lễ theo luật định, cùng lịch nghỉ Tết và ngày làm bù chính thức của các năm %1 (%2).</translation>
    </message>
    <message>
        <source>No official arrangements for %1 yet: only the statutory holidays are counted.</source>
        <translation>Chưa có lịch nghỉ chính thức năm %1: chỉ tính các ngày lễ theo luật định.</translation>
    </message>
    <message>
        <source>The director signs (no line above the position)</source>
        <translation>Giám đốc ký (không có dòng thẩm quyền)</translation>
    </message>
    <message>
        <source>KT. (a deputy director signs for the director)</source>
        <translation>KT. (Phó Giám đốc ký thay Giám đốc)</translation>
    </message>
    <message>
        <source>The name of the office cannot be empty.</source>
        <translation>Tên đơn vị không được để trống.</translation>
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
        <source>Preparing the sample data, please wait…</source>
        <translation>Đang chuẩn bị dữ liệu mẫu, xin chờ…</translation>
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
    <name>SignDialog</name>
    <message>
        <source>Sign the report digitally</source>
        <translation>Ký số báo cáo</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <source>This computer has no signing certificate yet. Create one now: it is kept in the program's data folder, protected by a password that only the signer knows. (A USB token or a certificate file from a provider can be chosen in Settings.)</source>
        <translation>Máy này chưa có chứng thư để ký. Hãy tạo ngay: chứng thư được giữ trong thư mục dữ liệu của chương trình, bảo vệ bằng mật khẩu chỉ người ký biết. (USB ký số hoặc tệp chứng thư của nhà cung cấp có thể chọn trong Cài đặt.)</translation>
    </message>
    <message>
        <source>Signer's &amp;full name:</source>
        <translation>&amp;Họ tên người ký:</translation>
    </message>
    <message>
        <source>&amp;Password (at least 6 characters):</source>
        <translation>&amp;Mật khẩu (ít nhất 6 ký tự):</translation>
    </message>
    <message>
        <source>&amp;Repeat the password:</source>
        <translation>Nhập &amp;lại mật khẩu:</translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation>&amp;Ký</translation>
    </message>
    <message>
        <source>&amp;Create the certificate and sign</source>
        <translation>&amp;Tạo chứng thư và ký</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>&amp;Mở thư mục</translation>
    </message>
    <message>
        <source>Send &amp;now…</source>
        <translation>&amp;Gửi ngay…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Plug in the signing USB token, then type its PIN. The token locks after several wrong PINs.</source>
        <translation>Hãy cắm USB ký số rồi nhập mã PIN. USB ký số sẽ bị khóa nếu nhập sai mã PIN nhiều lần.</translation>
    </message>
    <message>
        <source>&amp;PIN of the USB token:</source>
        <translation>&amp;Mã PIN của USB ký số:</translation>
    </message>
    <message>
        <source>The report is signed with the certificate file chosen in Settings.</source>
        <translation>Báo cáo được ký bằng tệp chứng thư đã chọn trong Cài đặt.</translation>
    </message>
    <message>
        <source>&amp;Password of the certificate file:</source>
        <translation>&amp;Mật khẩu của tệp chứng thư:</translation>
    </message>
    <message>
        <source>The report is signed with this computer's certificate.</source>
        <translation>Báo cáo được ký bằng chứng thư của máy này.</translation>
    </message>
    <message>
        <source>Certificate of %1, valid until %2.</source>
        <translation>Chứng thư của %1, có hiệu lực đến ngày %2.</translation>
    </message>
    <message>
        <source>&amp;Password of the certificate:</source>
        <translation>&amp;Mật khẩu chứng thư:</translation>
    </message>
    <message>
        <source>Type the PIN first.</source>
        <translation>Hãy nhập mã PIN trước.</translation>
    </message>
    <message>
        <source>Type the password first.</source>
        <translation>Hãy nhập mật khẩu trước.</translation>
    </message>
    <message>
        <source>Signing… (this takes a few seconds)</source>
        <translation>Đang ký… (mất vài giây)</translation>
    </message>
    <message>
        <source>The report is signed.

The signed file is saved at:
%1

It can now be sent to the reviewing office: press “Send now”.</source>
        <translation>Báo cáo đã được ký số.

Tệp đã ký được lưu tại:
%1

Bây giờ có thể gửi báo cáo tới cơ quan nhận báo cáo: bấm “Gửi ngay”.</translation>
    </message>
    <message>
        <source>Type the signer's full name, as it should appear on the certificate.</source>
        <translation>Hãy nhập họ tên người ký, đúng như sẽ ghi trên chứng thư.</translation>
    </message>
    <message>
        <source>The password must have at least 6 characters.</source>
        <translation>Mật khẩu phải có ít nhất 6 ký tự.</translation>
    </message>
    <message>
        <source>The two passwords are not the same. Type them again.</source>
        <translation>Hai lần nhập mật khẩu không giống nhau. Hãy nhập lại.</translation>
    </message>
    <message>
        <source>Creating the certificate…</source>
        <translation>Đang tạo chứng thư…</translation>
    </message>
</context>
<context>
    <name>SignaturePanel</name>
    <message>
        <source>Signature</source>
        <translation>Chữ ký số</translation>
    </message>
    <message>
        <source>Signed by:</source>
        <translation>Người ký:</translation>
    </message>
    <message>
        <source>Certificate issuer:</source>
        <translation>Tổ chức cấp chứng thư:</translation>
    </message>
    <message>
        <source>Signing time:</source>
        <translation>Thời điểm ký:</translation>
    </message>
    <message>
        <source>Intact:</source>
        <translation>Toàn vẹn:</translation>
    </message>
    <message>
        <source>Trusted:</source>
        <translation>Tin cậy:</translation>
    </message>
    <message>
        <source>Figures match the signed PDF:</source>
        <translation>Số liệu khớp với bản PDF đã ký:</translation>
    </message>
    <message>
        <source>Pages draw those figures:</source>
        <translation>Các trang vẽ đúng số liệu đó:</translation>
    </message>
    <message>
        <source>cannot tell</source>
        <translation>không xác định được</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <source>NO</source>
        <translation>KHÔNG</translation>
    </message>
    <message>
        <source>The report came without a signed PDF.</source>
        <translation>Báo cáo gửi đến không kèm bản PDF đã ký.</translation>
    </message>
    <message>
        <source>(self-issued)</source>
        <translation>(chứng thư tự cấp)</translation>
    </message>
    <message>
        <source>NO — page %1 differs from the document drawn again from its own data: check those pages against the figures, or ask the commune to sign and send it again.</source>
        <translation>KHÔNG — trang %1 vẽ khác với văn bản dựng lại từ chính số liệu gắn kèm: hãy đối chiếu các trang đó với phần số liệu, hoặc đề nghị xã ký và gửi lại.</translation>
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
        <translation>Dùng khi chưa có USB ký số: chương trình tạo chứng thư riêng của xã. Cơ quan nhận báo cáo sẽ thấy đây là chứng thư tự cấp.</translation>
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
    <name>StepBar</name>
    <message>
        <source>Steps of the report</source>
        <translation>Các bước của báo cáo</translation>
    </message>
    <message>
        <source>Enter the figures</source>
        <translation>Nhập số liệu</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <source>Finalise</source>
        <translation>Hoàn thành</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Ký số</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Gửi</translation>
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
    <message>
        <source>Signing:</source>
        <translation>Ký số:</translation>
    </message>
    <message>
        <source>a certificate made for this computer (self-issued)</source>
        <translation>chứng thư số tạo cho máy này (tự cấp)</translation>
    </message>
    <message>
        <source>the signing USB token</source>
        <translation>USB ký số</translation>
    </message>
    <message>
        <source>a certificate file (.p12 / .pfx)</source>
        <translation>tệp chứng thư số (.p12 / .pfx)</translation>
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
    <name>TextZoom</name>
    <message>
        <source>Larger text</source>
        <translation>Chữ to hơn</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>Chữ nhỏ hơn</translation>
    </message>
    <message>
        <source>Normal text size</source>
        <translation>Cỡ chữ như trong Cài đặt</translation>
    </message>
</context>
<context>
    <name>TrustPage</name>
    <message>
        <source>Trusted communes</source>
        <translation>Các xã được tin cậy</translation>
    </message>
    <message>
        <source>A commune's packages are accepted only from the installation whose certificate is bound to it. Confirm a new commune's certificate after checking its fingerprint with the commune by phone.</source>
        <translation>Chỉ nhận gói của một xã từ máy cài đặt có chứng thư đã gắn với xã đó. Hãy xác nhận chứng thư của xã mới sau khi đối chiếu vân tay với xã qua điện thoại.</translation>
    </message>
    <message>
        <source>&amp;Confirm from a package…</source>
        <translation>&amp;Xác nhận từ một gói…</translation>
    </message>
    <message>
        <source>&amp;Revoke…</source>
        <translation>&amp;Thu hồi…</translation>
    </message>
    <message>
        <source>Add a &amp;root certificate…</source>
        <translation>Thêm chứng thư &amp;gốc…</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Commune / ward</source>
        <translation>Xã, phường</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Chứng thư</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Vân tay</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Bound certificates</source>
        <translation>Các chứng thư đã gắn</translation>
    </message>
    <message>
        <source>installation</source>
        <translation>máy cài đặt</translation>
    </message>
    <message>
        <source>signer</source>
        <translation>người ký</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>đã thu hồi %1</translation>
    </message>
    <message>
        <source>bound %1</source>
        <translation>gắn ngày %1</translation>
    </message>
    <message>
        <source>Root certificates for PDF signatures: %1</source>
        <translation>Chứng thư gốc dùng kiểm tra chữ ký PDF: %1</translation>
    </message>
    <message>
        <source>No root certificate added: self-issued signatures show as not trusted.</source>
        <translation>Chưa thêm chứng thư gốc nào: chữ ký bằng chứng thư tự cấp sẽ hiện là chưa tin cậy.</translation>
    </message>
    <message>
        <source>Trust this commune's installation?</source>
        <translation>Tin cậy máy cài đặt của xã này?</translation>
    </message>
    <message>
        <source>%1 (%2) is already trusted.</source>
        <translation>%1 (%2) đã được tin cậy.</translation>
    </message>
    <message>
        <source>The package comes from %1 (%2). Read this fingerprint to the commune by phone and trust it only if it is the same as on their screen:

%3</source>
        <translation>Gói này của %1 (%2). Hãy đọc vân tay sau cho xã qua điện thoại và chỉ tin cậy nếu trùng với vân tay trên màn hình của xã:

%3</translation>
    </message>
    <message>
        <source>Trust</source>
        <translation>Tin cậy</translation>
    </message>
    <message>
        <source>Do not trust</source>
        <translation>Không tin cậy</translation>
    </message>
    <message>
        <source>A package from the commune</source>
        <translation>Một gói của xã</translation>
    </message>
    <message>
        <source>Packages (*.cchc)</source>
        <translation>Gói báo cáo (*.cchc)</translation>
    </message>
    <message>
        <source>Packages from %1 (%2) signed with this certificate will be refused:
%3</source>
        <translation>Các gói của %1 (%2) ký bằng chứng thư này sẽ bị từ chối:
%3</translation>
    </message>
    <message>
        <source>Revoke the certificate?</source>
        <translation>Thu hồi chứng thư?</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Thu hồi</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Giữ lại</translation>
    </message>
    <message>
        <source>A root CA certificate</source>
        <translation>Chứng thư gốc (CA)</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Chứng thư (*.pem *.crt *.cer *.der);;Mọi tệp (*)</translation>
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
        <translation>Chương trình giúp lập báo cáo cải cách hành chính (CCHC) định kỳ, kiểm tra, ký số và gửi cho cơ quan nhận báo cáo, kể cả khi không có mạng Internet.</translation>
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
        <source>Opens a separate trial installation: a sample commune (Xã Tân Phú, Tỉnh Đồng Nai) with six months of reports, to look around and practise. Nothing in it is real and nothing goes into your real data; "Start using it for real" brings you back here at any time.</source>
        <translation>Mở một bản dùng thử riêng: một xã mẫu (Xã Tân Phú, Tỉnh Đồng Nai) với sáu tháng báo cáo, để xem và tập sử dụng. Mọi thứ trong đó đều không phải số liệu thật và không ghi vào dữ liệu thật của đơn vị; bấm “Bắt đầu dùng thật” bất cứ lúc nào để quay lại đây.</translation>
    </message>
</context>
</TS>