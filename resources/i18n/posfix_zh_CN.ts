<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <location filename="../../posfix_gui/app.py" line="92"/>
        <source>The list of error codes was not found.</source>
        <translation>找不到错误代码表。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/app.py" line="94"/>
        <source>The list of error codes is damaged or from another version and cannot be read.</source>
        <translation>错误代码表已损坏或版本不对，无法读取。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/app.py" line="97"/>
        <source>POSfix cannot start without it. Reinstall POSfix, or ask whoever set it up.
File: {path}</source>
        <translation>没有它 POSfix 无法启动。请重新安装 POSfix，或联系安装它的人员。
文件：{path}</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/app.py" line="182"/>
        <source>POSfix could not start.</source>
        <translation>POSfix 无法启动。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/app.py" line="183"/>
        <source>Restart the computer and try again. If it happens again, call support.</source>
        <translation>请重启电脑后再试。如果再次出现，请联系技术支持。</translation>
    </message>
</context>
<context>
    <name>ArchiveDialog</name>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="86"/>
        <source>Old incidents</source>
        <translation>整理旧记录</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="90"/>
        <source>Archive (off the list, kept in the database)</source>
        <translation>归档（移出列表，仍保存在数据库中）</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="91"/>
        <source>Delete for good (archived too)</source>
        <translation>永久删除（包括已归档的）</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="94"/>
        <source>Incidents before:</source>
        <translation>早于此日期的记录：</translation>
    </message>
</context>
<context>
    <name>EntryView</name>
    <message>
        <location filename="../../posfix_gui/ui/entry_view.py" line="162"/>
        <source>Who must act</source>
        <translation>需要谁处理</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/entry_view.py" line="163"/>
        <source>Retry?</source>
        <translation>能否重试</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/entry_view.py" line="164"/>
        <source>Tell the customer</source>
        <translation>对顾客说</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/entry_view.py" line="165"/>
        <source>See also</source>
        <translation>相关代码</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/entry_view.py" line="166"/>
        <source>Start troubleshooting</source>
        <translation>开始排查</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/entry_view.py" line="199"/>
        <source>This entry has no troubleshooting steps.</source>
        <translation>这个代码没有排查步骤。</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../posfix_gui/ui/errors.py" line="34"/>
        <source>Details for support are in {path}</source>
        <translation>给技术支持的详细信息在：{path}</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/errors.py" line="88"/>
        <source>POSfix: something went wrong</source>
        <translation>POSfix：出了点问题</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/errors.py" line="89"/>
        <source>Something unexpected went wrong. POSfix keeps running.</source>
        <translation>发生了意外错误，POSfix 仍在运行。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/errors.py" line="90"/>
        <source>You can go on using it. If a screen looks wrong, close POSfix and start it again.</source>
        <translation>可以继续使用。如果画面显示不正常，请关闭 POSfix 后重新打开。</translation>
    </message>
</context>
<context>
    <name>EscalationNote</name>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="32"/>
        <source>fixed</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="33"/>
        <source>not fixed</source>
        <translation>未解决</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="34"/>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="44"/>
        <source>POSfix: problem not solved, please help</source>
        <translation>POSfix 故障求助：问题未解决</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="46"/>
        <source>Code: {code} ({scheme})</source>
        <translation>代码：{code}（{scheme}）</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="49"/>
        <source>Meaning: {title}</source>
        <translation>含义：{title}</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="50"/>
        <source>Time: {time}</source>
        <translation>时间：{time}</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="53"/>
        <source>Till: {till}</source>
        <translation>收银台：{till}</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="56"/>
        <source>Terminal number: {tid}</source>
        <translation>终端号：{tid}</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="58"/>
        <source>Steps tried:</source>
        <translation>已尝试的步骤：</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="61"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="416"/>
        <source>Searching failed: {message}
Try again, or restart POSfix.</source>
        <translation>搜索出错：{message}
请再试一次，或重新打开 POSfix。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="422"/>
        <source>Nothing found for “{query}”.

Try the code or the words shown on the terminal, e.g. 51 or 余额不足.</source>
        <translation>没有找到“{query}”。

试试输入终端上显示的代码或文字，例如 51 或 余额不足。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="491"/>
        <source>That code is not in the catalogue.</source>
        <translation>代码表里没有这个代码。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="538"/>
        <source>This troubleshooting run could not be saved to the history.</source>
        <translation>这次排查没能存入故障记录。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="663"/>
        <source>Today {time}</source>
        <translation>今天 {time}</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="706"/>
        <source>Incident history is off: it could not be opened. Looking up codes and the steps still work.</source>
        <translation>故障记录已关闭：无法打开。查询代码和处理步骤不受影响。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="711"/>
        <source>The incident history failed its check ({detail}). Lookup still works; tell the manager.</source>
        <translation>故障记录检查未通过（{detail}）。查询代码不受影响；请告诉店长。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="714"/>
        <source>The last troubleshooting run could not be saved to the history: {detail}</source>
        <translation>刚才的排查未能记入故障记录：{detail}</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="813"/>
        <source>POSfix: payment terminal error codes</source>
        <translation>POSfix 刷卡机错误代码助手</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="814"/>
        <source>Code or words</source>
        <translation>输入代码或文字</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="815"/>
        <source>Try the code or words shown on the terminal</source>
        <translation>试试输入终端上显示的代码或文字</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="816"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="817"/>
        <source>Categories and results</source>
        <translation>分类和搜索结果</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="819"/>
        <source>Switch language</source>
        <translation>切换语言</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="820"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="821"/>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="822"/>
        <source>Store manager: incident history (Ctrl+M)</source>
        <translation>店长查看：故障记录（Ctrl+M）</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="823"/>
        <source>Store manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="825"/>
        <source>Type the code or the words shown on the terminal,
or pick a category on the left.</source>
        <translation>请输入终端上显示的代码或文字，
或在左边选择一个分类。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="829"/>
        <source>{n} codes</source>
        <translation>{n} 个代码</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="830"/>
        <source>Catalogue version {version}</source>
        <translation>代码表版本 {version}</translation>
    </message>
</context>
<context>
    <name>ManagerWindow</name>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="76"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="77"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="114"/>
        <source>Manager PIN</source>
        <translation>店长 PIN</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="115"/>
        <source>Enter the manager PIN again:</source>
        <translation>请再次输入店长 PIN：</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="125"/>
        <source>New PIN</source>
        <translation>新 PIN</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="126"/>
        <source>New PIN (4 to 8 digits):</source>
        <translation>新 PIN（4 到 8 位数字）：</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="367"/>
        <source>POSfix manager: incident history</source>
        <translation>POSfix 店长查看：故障记录</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="372"/>
        <source>Code or text, e.g. 51</source>
        <translation>代码或文字，如 51、余额</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="373"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="368"/>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="368"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="368"/>
        <source>Scheme</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="368"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="368"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="369"/>
        <source>Till</source>
        <translation>收银台</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="369"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="374"/>
        <source>Manager note (e.g. called the acquirer)</source>
        <translation>店长备注（例如：已联系银联客服）</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="375"/>
        <source>Save note</source>
        <translation>保存备注</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="376"/>
        <source>Incidents</source>
        <translation>记录数</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="376"/>
        <source>Fixed at counter</source>
        <translation>柜台解决率</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="376"/>
        <source>Escalation rate</source>
        <translation>上报率</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="377"/>
        <source>Median to fix</source>
        <translation>解决用时中位数</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="380"/>
        <source>Recurring faults (last 7 days)</source>
        <translation>反复出现的故障（近 7 天）</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="381"/>
        <source>Incidents per day</source>
        <translation>每天的记录数</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="382"/>
        <source>Top 10 codes</source>
        <translation>最常见的 10 个代码</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="384"/>
        <source>No incidents</source>
        <translation>没有记录</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="385"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="386"/>
        <source>Archive/delete old…</source>
        <translation>归档/删除旧记录…</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="387"/>
        <source>Change PIN…</source>
        <translation>修改 PIN…</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="388"/>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="433"/>
        <source>Fixed</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="434"/>
        <source>Escalated</source>
        <translation>已上报</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="435"/>
        <source>Abandoned</source>
        <translation>已放弃</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="436"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="390"/>
        <location filename="../../posfix_gui/ui/manager/window.py" line="438"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="558"/>
        <source>The start date is after the end date.</source>
        <translation>开始日期晚于结束日期。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="628"/>
        <source>No recurring faults.</source>
        <translation>没有反复出现的故障。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="636"/>
        <source>No incidents match the filters.</source>
        <translation>这个筛选条件下没有记录。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="644"/>
        <source>Select an incident to see each step&apos;s answer and add a note.</source>
        <translation>选中一条记录可查看每一步的回答并写店长备注。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="654"/>
        <source>Steps: </source>
        <translation>各步：</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="656"/>
        <source>Cashier note: </source>
        <translation>收银员备注：</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="658"/>
        <source>Terminal: </source>
        <translation>终端号：</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="682"/>
        <source>Note saved.</source>
        <translation>备注已保存。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="698"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="701"/>
        <source>Exported {n} incidents to {path}</source>
        <translation>已导出 {n} 条记录到 {path}</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="724"/>
        <source>Deleted {n} incidents before {cutoff}.</source>
        <translation>已删除 {cutoff} 之前的 {n} 条记录。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="726"/>
        <source>Archived {n} incidents before {cutoff}.</source>
        <translation>已归档 {cutoff} 之前的 {n} 条记录。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="741"/>
        <source>PIN changed.</source>
        <translation>PIN 已修改。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="757"/>
        <source>History is off</source>
        <translation>故障记录已关闭</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="759"/>
        <source>Looking up codes and the steps still work.</source>
        <translation>查询代码和处理步骤照常可用。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/window.py" line="777"/>
        <source>The history could not be opened.</source>
        <translation>故障记录未能打开。</translation>
    </message>
</context>
<context>
    <name>PinPage</name>
    <message>
        <location filename="../../posfix_gui/ui/manager/pin_page.py" line="82"/>
        <source>Manager view</source>
        <translation>店长查看</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/pin_page.py" line="84"/>
        <source>First use: set a manager PIN (4 to 8 digits). It is asked every time.</source>
        <translation>第一次使用：请设置店长 PIN（4 到 8 位数字），以后每次进入都要输入。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/pin_page.py" line="85"/>
        <source>New PIN</source>
        <translation>新 PIN</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/pin_page.py" line="86"/>
        <source>Repeat PIN</source>
        <translation>再输一次</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/pin_page.py" line="87"/>
        <source>Set PIN and open</source>
        <translation>设置 PIN 并进入</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/pin_page.py" line="89"/>
        <source>Enter the manager PIN.</source>
        <translation>请输入店长 PIN。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/pin_page.py" line="90"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/pin_page.py" line="91"/>
        <source>Open</source>
        <translation>进入</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/pin_page.py" line="99"/>
        <source>Too many wrong PINs: locked. Try again in {secs} s.</source>
        <translation>PIN 错误次数过多，已锁定。请 {secs} 秒后再试。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/manager/pin_page.py" line="112"/>
        <source>The two PINs differ. Enter them again.</source>
        <translation>两次输入的 PIN 不一样，请重新输入。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../posfix_gui/ui/settings_dialog.py" line="40"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/settings_dialog.py" line="48"/>
        <source>No preference</source>
        <translation>不指定</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/settings_dialog.py" line="52"/>
        <source>e.g. Till 2</source>
        <translation>例如：2号收银台</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/settings_dialog.py" line="55"/>
        <source>printed on the terminal&apos;s label</source>
        <translation>见终端背面的标签</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/settings_dialog.py" line="66"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/settings_dialog.py" line="67"/>
        <source>Preferred code scheme / terminal brand</source>
        <translation>优先的代码类型 / 终端品牌</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/settings_dialog.py" line="68"/>
        <source>Till name</source>
        <translation>收银台名称</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/settings_dialog.py" line="69"/>
        <source>Terminal number</source>
        <translation>终端号</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/settings_dialog.py" line="70"/>
        <source>Text size</source>
        <translation>字体大小</translation>
    </message>
</context>
<context>
    <name>WizardView</name>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="229"/>
        <source>Copied. Paste it into a message or read it out.</source>
        <translation>已复制。可以粘贴到消息里，或照着念给客服。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="234"/>
        <source>POSfix escalation note</source>
        <translation>POSfix 故障求助单</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="243"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="244"/>
        <source>✓ Fixed</source>
        <translation>✓ 已解决</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="245"/>
        <source>Not fixed, next →</source>
        <translation>未解决，下一步 →</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="246"/>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="248"/>
        <source>← Back</source>
        <translation>← 上一步</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="249"/>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="250"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="251"/>
        <source>Copy note</source>
        <translation>复制求助单</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="252"/>
        <source>Print note</source>
        <translation>打印求助单</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="253"/>
        <source>Not solved yet: contact support</source>
        <translation>还没解决：请联系支持</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="254"/>
        <source>Fixed. Well done!</source>
        <translation>已解决，做得好！</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="273"/>
        <source>Step {n} of {total}</source>
        <translation>第 {n} 步 / 共 {total} 步</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="288"/>
        <source>The problem was fixed at step {n} of {total}. You can continue with the sale.</source>
        <translation>问题在第 {n} 步（共 {total} 步）解决了，可以继续收款。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="313"/>
        <source>Contact whoever supports your payment terminal, and read them the note below or print it.</source>
        <translation>请联系负责您收款终端的服务方，把下面的求助单念给对方听，或打印出来。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="315"/>
        <source>The note below has the details: copy it or print it.</source>
        <translation>下面的求助单写明了详细情况，可复制或打印。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="319"/>
        <source>Advanced step: ask a colleague if you are unsure</source>
        <translation>进阶步骤：不确定时请问同事</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="321"/>
        <source>Last step: contact support</source>
        <translation>最后一步：联系客服</translation>
    </message>
</context>
</TS>
