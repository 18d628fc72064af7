<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <location filename="../../posfix_gui/app.py" line="68" />
        <source>The list of error codes was not found.</source>
        <translation>找不到错误代码表。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/app.py" line="70" />
        <source>The list of error codes is damaged or from another version and cannot be read.</source>
        <translation>错误代码表已损坏或版本不对，无法读取。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/app.py" line="73" />
        <source>POSfix cannot start without it. Reinstall POSfix, or ask whoever set it up.
File: {path}</source>
        <translation>没有它 POSfix 无法启动。请重新安装 POSfix，或联系安装它的人员。
文件：{path}</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/app.py" line="157" />
        <source>POSfix could not start.</source>
        <translation>POSfix 无法启动。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/app.py" line="158" />
        <source>Restart the computer and try again. If it happens again, call support.</source>
        <translation>请重启电脑后再试。如果再次出现，请联系技术支持。</translation>
    </message>
</context>
<context>
    <name>EntryView</name>
    <message>
        <location filename="../../posfix_gui/ui/entry_view.py" line="125" />
        <source>Who must act</source>
        <translation>需要谁处理</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/entry_view.py" line="126" />
        <source>Retry?</source>
        <translation>能否重试</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/entry_view.py" line="127" />
        <source>Tell the customer</source>
        <translation>对顾客说</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/entry_view.py" line="128" />
        <source>See also</source>
        <translation>相关代码</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/entry_view.py" line="129" />
        <source>Start troubleshooting</source>
        <translation>开始排查</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/entry_view.py" line="162" />
        <source>This entry has no troubleshooting steps.</source>
        <translation>这个代码没有排查步骤。</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../posfix_gui/ui/errors.py" line="27" />
        <source>Details for support are in {path}</source>
        <translation>给技术支持的详细信息在：{path}</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/errors.py" line="62" />
        <source>POSfix: something went wrong</source>
        <translation>POSfix：出了点问题</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/errors.py" line="63" />
        <source>Something unexpected went wrong. POSfix keeps running.</source>
        <translation>发生了意外错误，POSfix 仍在运行。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/errors.py" line="64" />
        <source>You can go on using it. If a screen looks wrong, close POSfix and start it again.</source>
        <translation>可以继续使用。如果画面显示不正常，请关闭 POSfix 后重新打开。</translation>
    </message>
</context>
<context>
    <name>EscalationNote</name>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="33" />
        <source>fixed</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="34" />
        <source>not fixed</source>
        <translation>未解决</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="35" />
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="45" />
        <source>POSfix: problem not solved, please help</source>
        <translation>POSfix 故障求助：问题未解决</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="47" />
        <source>Code: {code} ({scheme})</source>
        <translation>代码：{code}（{scheme}）</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="50" />
        <source>Meaning: {title}</source>
        <translation>含义：{title}</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="51" />
        <source>Time: {time}</source>
        <translation>时间：{time}</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="54" />
        <source>Till: {till}</source>
        <translation>收银台：{till}</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="57" />
        <source>Terminal number: {tid}</source>
        <translation>终端号：{tid}</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="59" />
        <source>Steps tried:</source>
        <translation>已尝试的步骤：</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="62" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="240" />
        <source>Searching failed: {message}
Try again, or restart POSfix.</source>
        <translation>搜索出错：{message}
请再试一次，或重新打开 POSfix。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="246" />
        <source>Nothing found for “{query}”.

Try the code or the words shown on the terminal, e.g. 51 or 余额不足.</source>
        <translation>没有找到“{query}”。

试试输入终端上显示的代码或文字，例如 51 或 余额不足。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="324" />
        <source>That code is not in the catalogue.</source>
        <translation>代码表里没有这个代码。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="360" />
        <source>This troubleshooting run could not be saved to the history.</source>
        <translation>这次排查没能存入故障记录。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="423" />
        <source>POSfix: payment terminal error codes</source>
        <translation>POSfix 刷卡机错误代码助手</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="424" />
        <source>Code or words</source>
        <translation>输入代码或文字</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="425" />
        <source>Try the code or words shown on the terminal</source>
        <translation>试试输入终端上显示的代码或文字</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="426" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="427" />
        <source>Categories and results</source>
        <translation>分类和搜索结果</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="429" />
        <source>Switch language</source>
        <translation>切换语言</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="430" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="432" />
        <source>Type the code or the words shown on the terminal,
or pick a category on the left.</source>
        <translation>请输入终端上显示的代码或文字，
或在左边选择一个分类。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="436" />
        <source>{n} codes</source>
        <translation>共 {n} 个代码</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/main_window.py" line="437" />
        <source>Catalogue version {version}</source>
        <translation>代码表版本 {version}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../posfix_gui/ui/settings_dialog.py" line="40" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/settings_dialog.py" line="48" />
        <source>No preference</source>
        <translation>不指定</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/settings_dialog.py" line="52" />
        <source>e.g. Till 2</source>
        <translation>例如：2号收银台</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/settings_dialog.py" line="55" />
        <source>printed on the terminal's label</source>
        <translation>见终端背面的标签</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/settings_dialog.py" line="66" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/settings_dialog.py" line="67" />
        <source>Preferred code scheme / terminal brand</source>
        <translation>优先的代码类型 / 终端品牌</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/settings_dialog.py" line="68" />
        <source>Till name</source>
        <translation>收银台名称</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/settings_dialog.py" line="69" />
        <source>Terminal number</source>
        <translation>终端号</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/settings_dialog.py" line="70" />
        <source>Text size</source>
        <translation>字体大小</translation>
    </message>
</context>
<context>
    <name>WizardView</name>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="230" />
        <source>Copied. Paste it into a message or read it out.</source>
        <translation>已复制。可以粘贴到消息里，或照着念给客服。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="233" />
        <source>POSfix escalation note</source>
        <translation>POSfix 故障求助单</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="242" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="243" />
        <source>✓ Fixed</source>
        <translation>✓ 已解决</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="244" />
        <source>Not fixed, next →</source>
        <translation>未解决，下一步 →</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="245" />
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="247" />
        <source>← Back</source>
        <translation>← 上一步</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="248" />
        <location filename="../../posfix_gui/ui/wizard_view.py" line="249" />
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="250" />
        <source>Copy note</source>
        <translation>复制求助单</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="251" />
        <source>Print note</source>
        <translation>打印求助单</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="252" />
        <source>Not solved yet: call the hotline</source>
        <translation>还没解决：请打客服热线</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="253" />
        <source>Read this note to your acquirer's or terminal provider's hotline, or print it.</source>
        <translation>把这张求助单念给收单机构或终端服务商的客服热线，或者打印出来。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="254" />
        <source>Fixed. Well done!</source>
        <translation>已解决，做得好！</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="273" />
        <source>Step {n} of {total}</source>
        <translation>第 {n} 步 / 共 {total} 步</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="284" />
        <source>The problem was fixed at step {n} of {total}. You can continue with the sale.</source>
        <translation>问题在第 {n} 步（共 {total} 步）解决了，可以继续收款。</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="304" />
        <source>Advanced step: ask a colleague if you are unsure</source>
        <translation>进阶步骤：不确定时请问同事</translation>
    </message>
    <message>
        <location filename="../../posfix_gui/ui/wizard_view.py" line="306" />
        <source>Last step: contact support</source>
        <translation>最后一步：联系客服</translation>
    </message>
</context>
</TS>