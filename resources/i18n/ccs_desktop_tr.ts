<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="tr_TR">
<context>
    <name>AgentService</name>
    <message>
        <source>Calling {number}…</source>
        <translation>{number} aranıyor…</translation>
    </message>
</context>
<context>
    <name>AgentStatus</name>
    <message>
        <source>Available</source>
        <translation>Müsait</translation>
    </message>
    <message>
        <source>Back office</source>
        <translation>Arka ofis</translation>
    </message>
    <message>
        <source>Short break</source>
        <translation>Kısa mola</translation>
    </message>
    <message>
        <source>Lunch</source>
        <translation>Öğle yemeği</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Eğitim</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Toplantı</translation>
    </message>
    <message>
        <source>After-call work</source>
        <translation>Çağrı sonrası iş</translation>
    </message>
    <message>
        <source>Status unknown</source>
        <translation>Durum bilinmiyor</translation>
    </message>
    <message>
        <source>Ringing</source>
        <translation>Çalıyor</translation>
    </message>
    <message>
        <source>On a call</source>
        <translation>Görüşmede</translation>
    </message>
</context>
<context>
    <name>AgentStatusController</name>
    <message>
        <source>Log in to change your CCS status.</source>
        <translation>CCS durumunuzu değiştirmek için giriş yapın.</translation>
    </message>
    <message>
        <source>CCS did not change your status: {reason}</source>
        <translation>CCS durumunuzu değiştirmedi: {reason}</translation>
    </message>
</context>
<context>
    <name>AgentStatusView</name>
    <message>
        <source>Available now</source>
        <extracomment>The selector's order: the way back to work first, then the ways away from it.</extracomment>
        <translation>Şimdi müsait</translation>
    </message>
    <message>
        <source>Agent status</source>
        <translation>Temsilci durumu</translation>
    </message>
    <message>
        <source>After-call work time left</source>
        <translation>Çağrı sonrası işe kalan süre</translation>
    </message>
    <message>
        <source>End after-call work: Available now</source>
        <translation>Çağrı sonrası işi bitir: şimdi müsait</translation>
    </message>
    <message>
        <source>{status} ({time} left)</source>
        <translation>{status} ({time} kaldı)</translation>
    </message>
    <message>
        <source>After-call work: {time}</source>
        <translation>Çağrı sonrası iş: {time}</translation>
    </message>
    <message>
        <source>Your status in CCS; choose another here.</source>
        <translation>CCS'teki durumunuz; buradan başka birini seçin.</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>Durum: {status}</translation>
    </message>
</context>
<context>
    <name>CallFollower</name>
    <message>
        <source>click2call to {number} (transaction {transaction})</source>
        <extracomment>Seconds between lookups of a followed call's record: quick at first (short calls), then once a minute.</extracomment>
        <translation>{number} için click2call (işlem {transaction})</translation>
    </message>
    <message>
        <source>CCS accepted; call key {key}</source>
        <translation>CCS kabul etti; çağrı anahtarı {key}</translation>
    </message>
    <message>
        <source>CCS accepted</source>
        <translation>CCS kabul etti</translation>
    </message>
    <message>
        <source>Hangup notification: {disposition}, {duration}</source>
        <translation>Kapatma bildirimi: {disposition}, {duration}</translation>
    </message>
    <message>
        <source>no disposition</source>
        <translation>sonuç yok</translation>
    </message>
    <message>
        <source>an unknown number</source>
        <translation>bilinmeyen bir numara</translation>
    </message>
    <message>
        <source>Incoming call from {caller} in queue {queue}</source>
        <translation>{queue} kuyruğunda {caller} numarasından gelen çağrı</translation>
    </message>
    <message>
        <source>Incoming call from {caller}</source>
        <translation>{caller} numarasından gelen çağrı</translation>
    </message>
    <message>
        <source>End-of-call notification: {duration}</source>
        <translation>Çağrı sonu bildirimi: {duration}</translation>
    </message>
    <message>
        <source>CCS has no call record for the call with {number}.</source>
        <translation>CCS'te {number} ile yapılan çağrının kaydı yok.</translation>
    </message>
    <message>
        <source>Call from {caller}: {outcome}.</source>
        <translation>{caller} çağrısı: {outcome}.</translation>
    </message>
    <message>
        <source>Call to {callee}: {outcome}.</source>
        <translation>{callee} araması: {outcome}.</translation>
    </message>
    <message>
        <source>The softphone says the call ended</source>
        <translation>Softphone çağrının bittiğini bildirdi</translation>
    </message>
</context>
<context>
    <name>CallGuard</name>
    <message>
        <source>You are on a call</source>
        <translation>Görüşmedesiniz</translation>
    </message>
    <message>
        <source>You are on a call with {party}. Call {target} anyway?</source>
        <translation>{party} ile görüşmedesiniz. Yine de {target} aransın mı?</translation>
    </message>
    <message>
        <source>Call anyway</source>
        <translation>Yine de ara</translation>
    </message>
    <message>
        <source>an unknown number</source>
        <translation>bilinmeyen bir numara</translation>
    </message>
</context>
<context>
    <name>CallHistory</name>
    <message>
        <source>Saved calls cannot be read: {error}</source>
        <translation>Kayıtlı çağrılar okunamıyor: {error}</translation>
    </message>
    <message>
        <source>{count} · fetching from CCS…</source>
        <translation>{count} · CCS'ten alınıyor…</translation>
    </message>
    <message>
        <source>{count} (saved) · {why} Refresh to try again.</source>
        <translation>{count} (kayıtlı) · {why} Yeniden denemek için Yenile'ye basın.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln çağrı</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of {total} call(s)</source>
        <translation>
            <numerusform>{total} çağrıdan %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} · scroll for older calls</source>
        <translation>{count} · daha eski çağrılar için kaydırın</translation>
    </message>
</context>
<context>
    <name>CallRecordsModel</name>
    <message>
        <source>Double-click to open the recording in the browser</source>
        <translation>Kaydı tarayıcıda açmak için çift tıklayın</translation>
    </message>
    <message>
        <source>Double-click to call back</source>
        <translation>Geri aramak için çift tıklayın</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zaman</translation>
    </message>
    <message>
        <source>Dir</source>
        <translation>Yön</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numara</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kişi</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Sonuç</translation>
    </message>
    <message>
        <source>Talk</source>
        <translation>Konuşma</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Bekleme</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Kuyruk</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Temsilci</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Kayıt</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Not</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ Dinle</translation>
    </message>
</context>
<context>
    <name>CallsPanel</name>
    <message>
        <source>Today</source>
        <translation>Bugün</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Dün</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Son 7 gün</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Son 30 gün</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Özel…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Yenile</translation>
    </message>
    <message>
        <source>Fetch calls newer than the saved ones</source>
        <translation>Kayıtlı olanlardan yeni çağrıları getir</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Dışa aktar…</translation>
    </message>
    <message>
        <source>Save the calls shown (with notes and every CCS field) as CSV</source>
        <translation>Gösterilen çağrıları (notlar ve tüm CCS alanlarıyla) CSV olarak kaydet</translation>
    </message>
    <message>
        <source>Filter by number, name or queue</source>
        <translation>Numara, ad veya kuyruğa göre süz</translation>
    </message>
    <message>
        <source>Filter calls</source>
        <translation>Çağrıları süz</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>Tüm sonuçlar</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Cevaplanan</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Cevapsız</translation>
    </message>
    <message>
        <source>Both directions</source>
        <translation>Her iki yön</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Gelen</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Giden</translation>
    </message>
    <message>
        <source>Only the missed calls not called back yet, one row per number (Enter calls back)</source>
        <translation>Yalnızca henüz geri aranmamış cevapsız çağrılar, her numara için bir satır (Enter geri arar)</translation>
    </message>
    <message>
        <source>Missed calls of</source>
        <translation>Cevapsız çağrılar:</translation>
    </message>
    <message>
        <source>Done ✓</source>
        <translation>Tamam ✓</translation>
    </message>
    <message>
        <source>Take the selected number off the list without calling back</source>
        <translation>Seçili numarayı geri aramadan listeden çıkar</translation>
    </message>
    <message>
        <source>Loading call records…</source>
        <translation>Çağrı kayıtları yükleniyor…</translation>
    </message>
    <message>
        <source>Call records</source>
        <translation>Çağrı kayıtları</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Alan</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Değer</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Çözüldü</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Geri ara</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>Satış</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Şikâyet</translation>
    </message>
    <message>
        <source>Information given</source>
        <translation>Bilgi verildi</translation>
    </message>
    <message>
        <source>Wrong number</source>
        <translation>Yanlış numara</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Cevap yok</translation>
    </message>
    <message>
        <source>Outcome tag</source>
        <translation>Sonuç etiketi</translation>
    </message>
    <message>
        <source>Note about this call (kept on this computer)</source>
        <translation>Bu çağrıyla ilgili not (bu bilgisayarda saklanır)</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>Notu kaydet</translation>
    </message>
    <message>
        <source>status</source>
        <translation>durum</translation>
    </message>
    <message>
        <source>CCS has no record yet ({status})</source>
        <translation>CCS'te henüz kayıt yok ({status})</translation>
    </message>
    <message numerus="yes">
        <source>Missed, not returned (%n)</source>
        <translation>
            <numerusform>Cevapsız, geri aranmadı (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Open the recording</source>
        <translation>Kaydı aç</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zaman çizelgesi</translation>
    </message>
    <message numerus="yes">
        <source>%Ln of {total} call(s) match</source>
        <translation>
            <numerusform>{total} çağrıdan %Ln tanesi eşleşiyor</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy number</source>
        <translation>Numarayı kopyala</translation>
    </message>
    <message>
        <source>Open in CRM</source>
        <translation>CRM'de aç</translation>
    </message>
    <message>
        <source>Open recording</source>
        <translation>Kaydı aç</translation>
    </message>
    <message>
        <source>Back on the call-back list</source>
        <translation>Geri arama listesine geri koy</translation>
    </message>
    <message>
        <source>Done: no call-back needed</source>
        <translation>Tamam: geri arama gerekmiyor</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>'YYYY-MM-DD HH:MM:SS' in the tenant's time (YYYY-MM-DD alone means the whole day)</source>
        <translation>firmanın saatiyle 'YYYY-MM-DD HH:MM:SS' (yalnızca YYYY-MM-DD tüm günü kapsar)</translation>
    </message>
    <message>
        <source>Not logged in: run `ccs-desktop login` (or set CCS_TENANT, CCS_EMAIL and CCS_APP_TOKEN).</source>
        <translation>Oturum açılmamış: `ccs-desktop login` komutunu çalıştırın (ya da CCS_TENANT, CCS_EMAIL ve CCS_APP_TOKEN değişkenlerini ayarlayın).</translation>
    </message>
    <message>
        <source>No app_token for {email} on {host}: run `ccs-desktop login`.</source>
        <translation>{host} üzerinde {email} için app_token yok: `ccs-desktop login` komutunu çalıştırın.</translation>
    </message>
    <message>
        <source>Tenant (name, host or URL): </source>
        <translation>Firma (ad, sunucu ya da URL): </translation>
    </message>
    <message>
        <source>E-mail: </source>
        <translation>E-posta: </translation>
    </message>
    <message>
        <source>Give --tenant and --email (or CCS_TENANT and CCS_EMAIL).</source>
        <translation>--tenant ve --email verin (ya da CCS_TENANT ve CCS_EMAIL).</translation>
    </message>
    <message>
        <source>app_token (hidden): </source>
        <translation>app_token (gizli): </translation>
    </message>
    <message>
        <source>No app_token: set CCS_APP_TOKEN or run `ccs-desktop login` in a terminal.</source>
        <translation>app_token yok: CCS_APP_TOKEN değişkenini ayarlayın ya da bir terminalde `ccs-desktop login` çalıştırın.</translation>
    </message>
    <message>
        <source>Logged in to {host} as {email}.</source>
        <translation>{host} üzerinde {email} olarak oturum açıldı.</translation>
    </message>
    <message>
        <source>Not logged in; nothing to remove.</source>
        <translation>Oturum açık değil; silinecek bir şey yok.</translation>
    </message>
    <message>
        <source>Logged out {email} from {host}: app_token and session removed from the keyring.</source>
        <translation>{email} için {host} oturumu kapatıldı: app_token ve oturum anahtarlıktan silindi.</translation>
    </message>
    <message>
        <source>Nothing stored for {email} on {host}; already logged out.</source>
        <translation>{host} üzerinde {email} için kayıtlı bir şey yok; oturum zaten kapalı.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Tamam.</translation>
    </message>
    <message>
        <source>{text} is not a date: use {form}.</source>
        <translation>{text} bir tarih değil: {form} kullanın.</translation>
    </message>
    <message>
        <source>Give --from and --to (or --call-id).</source>
        <translation>--from ve --to verin (ya da --call-id).</translation>
    </message>
    <message>
        <source>--from is after --to.</source>
        <translation>--from, --to'dan sonra.</translation>
    </message>
    <message numerus="yes">
        <source>Fetched %Ln call record(s)…</source>
        <translation>
            <numerusform>%Ln çağrı kaydı alındı…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fetched %Ln call record(s) in {seconds:.1f} s;</source>
        <translation>
            <numerusform>%Ln çağrı kaydı {seconds:.1f} sn'de alındı;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln shown.</source>
        <translation>
            <numerusform>%Ln tanesi gösterildi.</numerusform>
        </translation>
    </message>
    <message>
        <source>No call records.</source>
        <translation>Çağrı kaydı yok.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tarih</translation>
    </message>
    <message>
        <source>Dir</source>
        <translation>Yön</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Arayan</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Aranan</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Sonuç</translation>
    </message>
    <message>
        <source>Talk</source>
        <translation>Süre</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Kuyruk</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Temsilci</translation>
    </message>
    <message>
        <source>in</source>
        <translation>gelen</translation>
    </message>
    <message>
        <source>out</source>
        <translation>giden</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>cevaplandı</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>cevapsız</translation>
    </message>
    <message>
        <source>No such file: {path}</source>
        <translation>Böyle bir dosya yok: {path}</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}.</source>
        <translation>{path} okunamıyor: {reason}.</translation>
    </message>
    <message>
        <source>{file}, line {line}: {reason}</source>
        <translation>{file}, satır {line}: {reason}</translation>
    </message>
    <message>
        <source>No such folder: {path}</source>
        <translation>Böyle bir klasör yok: {path}</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln contact(s) to {path}.</source>
        <translation>
            <numerusform>%Ln kişi {path} dosyasına aktarıldı.</numerusform>
        </translation>
    </message>
    <message>
        <source>No contacts found.</source>
        <translation>Kişi bulunamadı.</translation>
    </message>
    <message>
        <source>blocklist {source}</source>
        <translation>engelleme listesi {source}</translation>
    </message>
    <message>
        <source>from {source}</source>
        <translation>kaynak: {source}</translation>
    </message>
    <message>
        <source>Desktop integration is for Linux; the Windows and macOS installers do this there.</source>
        <translation>Masaüstü tümleştirmesi Linux içindir; Windows ve macOS'ta bunu kurulum programları yapar.</translation>
    </message>
    <message>
        <source>wrote {path}</source>
        <translation>yazıldı: {path}</translation>
    </message>
    <message>
        <source>removed {path}</source>
        <translation>silindi: {path}</translation>
    </message>
    <message>
        <source>{scheme}: links open in {app}</source>
        <translation>{scheme}: bağlantılar {app} ile açılıyor</translation>
    </message>
    <message>
        <source>{scheme}: no app opens these links</source>
        <translation>{scheme}: bu bağlantıları açan bir uygulama yok</translation>
    </message>
    <message>
        <source>must not be negative: {value}</source>
        <translation>negatif olamaz: {value}</translation>
    </message>
    <message>
        <source>Desktop companion for Call Center Studio agents. Without a command, opens the agent window.</source>
        <translation>Call Center Studio temsilcileri için masaüstü yardımcısı. Komut verilmezse temsilci penceresini açar.</translation>
    </message>
    <message>
        <source>log details to stderr (secrets masked)</source>
        <translation>ayrıntıları stderr'e yaz (gizli bilgiler maskelenir)</translation>
    </message>
    <message>
        <source>--screenshots needs --demo</source>
        <translation>--screenshots için --demo gerekir</translation>
    </message>
    <message>
        <source>{count} screenshots in {dir}</source>
        <translation>{dir} içinde {count} ekran görüntüsü</translation>
    </message>
    <message>
        <source>open the window on a built-in CCS simulator</source>
        <translation>pencereyi yerleşik bir CCS simülatörüyle aç</translation>
    </message>
    <message>
        <source>start (the demo, or the saved login), measure, print JSON, exit</source>
        <translation>başla (demo ya da kayıtlı oturum), ölç, JSON yaz, çık</translation>
    </message>
    <message>
        <source>start in the tray without showing the window (as at login)</source>
        <translation>pencereyi göstermeden sistem tepsisinde başlat (oturum açılışındaki gibi)</translation>
    </message>
    <message>
        <source>with --demo: draw every main view offscreen into DIR as {view}-{theme}-{lang}.png, then exit</source>
        <translation>--demo ile: her ana görünümü ekran dışında DIR içine {view}-{theme}-{lang}.png olarak çiz, sonra çık</translation>
    </message>
    <message>
        <source>log in: app_token from CCS_APP_TOKEN or a hidden prompt, kept in the keyring</source>
        <translation>oturum aç: app_token CCS_APP_TOKEN'dan ya da gizli bir sorudan alınır, anahtarlıkta saklanır</translation>
    </message>
    <message>
        <source>tenant name (acme), host (acme.alo-tech.com) or URL; or CCS_TENANT</source>
        <translation>firma adı (acme), sunucu (acme.alo-tech.com) ya da URL; veya CCS_TENANT</translation>
    </message>
    <message>
        <source>the agent's CCS e-mail; or CCS_EMAIL</source>
        <translation>temsilcinin CCS e-postası; veya CCS_EMAIL</translation>
    </message>
    <message>
        <source>remove the app_token and the session from the keyring</source>
        <translation>app_token'ı ve oturumu anahtarlıktan sil</translation>
    </message>
    <message>
        <source>place a call (click2call) and print its call id</source>
        <translation>arama başlat (click2call) ve çağrı kimliğini yaz</translation>
    </message>
    <message>
        <source>phone number in any common format, or a tel:, callto: or sip: link</source>
        <translation>herhangi bir yaygın biçimde telefon numarası ya da bir tel:, callto: veya sip: bağlantısı</translation>
    </message>
    <message>
        <source>how CCS receives the number</source>
        <translation>numaranın CCS'e hangi biçimde gideceği</translation>
    </message>
    <message>
        <source>print {call_id, number, transaction_id}</source>
        <translation>{call_id, number, transaction_id} yaz</translation>
    </message>
    <message>
        <source>hang up the current call (click2hang)</source>
        <translation>süren görüşmeyi kapat (click2hang)</translation>
    </message>
    <message>
        <source>put the current call on hold (click2hold)</source>
        <translation>süren görüşmeyi beklet (click2hold)</translation>
    </message>
    <message>
        <source>resume the call on hold (click2unhold)</source>
        <translation>bekletilen görüşmeye dön (click2unhold)</translation>
    </message>
    <message>
        <source>list call records (reportsCDRLogs), all pages</source>
        <translation>çağrı kayıtlarını listele (reportsCDRLogs), tüm sayfalar</translation>
    </message>
    <message>
        <source>only calls with this number, in any format</source>
        <translation>yalnızca bu numarayla yapılan çağrılar, herhangi bir biçimde</translation>
    </message>
    <message>
        <source>one call by its id (other filters ignored)</source>
        <translation>kimliğiyle tek bir çağrı (diğer süzgeçler yok sayılır)</translation>
    </message>
    <message>
        <source>only this agent's calls (agent_username)</source>
        <translation>yalnızca bu temsilcinin çağrıları (agent_username)</translation>
    </message>
    <message>
        <source>only this queue's calls</source>
        <translation>yalnızca bu kuyruğun çağrıları</translation>
    </message>
    <message>
        <source>by call date (default: newest first)</source>
        <translation>çağrı tarihine göre (varsayılan: en yeni önce)</translation>
    </message>
    <message>
        <source>the local contact list: import, export, find</source>
        <translation>yerel kişi listesi: içe aktar, dışa aktar, bul</translation>
    </message>
    <message>
        <source>import a CSV (English/Turkish headers) or vCard file</source>
        <translation>CSV (İngilizce/Türkçe başlıklı) ya da vCard dosyası içe aktar</translation>
    </message>
    <message>
        <source>export to CSV, or vCard for .vcf/.vcard</source>
        <translation>CSV'ye, .vcf/.vcard için vCard'a aktar</translation>
    </message>
    <message>
        <source>search by name, company or number (any format)</source>
        <translation>ada, şirkete ya da numaraya göre bul (herhangi bir biçimde)</translation>
    </message>
    <message>
        <source>print a JSON array of contacts</source>
        <translation>kişileri JSON dizisi olarak yaz</translation>
    </message>
    <message>
        <source>Linux: add ccs-desktop to the menu and make it open tel:, callto: and sip: links (this user only)</source>
        <translation>Linux: ccs-desktop'ı menüye ekle ve tel:, callto: ve sip: bağlantılarını onunla aç (yalnızca bu kullanıcı)</translation>
    </message>
    <message>
        <source>remove it and give the links back to the previous app</source>
        <translation>kaldır ve bağlantıları önceki uygulamaya geri ver</translation>
    </message>
    <message>
        <source>run the CCS-compatible simulator (prints its credentials as JSON)</source>
        <translation>CCS uyumlu simülatörü çalıştır (kimlik bilgilerini JSON olarak yazar)</translation>
    </message>
    <message>
        <source>0 = any free port</source>
        <translation>0 = herhangi bir boş port</translation>
    </message>
    <message>
        <source>seeded call records</source>
        <translation>önceden üretilen çağrı kaydı sayısı</translation>
    </message>
    <message>
        <source>ring the demo agent</source>
        <translation>demo temsilcisini çaldır</translation>
    </message>
    <message>
        <source>send IVR call notifications (GET) for inbound calls here; {{call_callerid}}-style macros are expanded</source>
        <translation>gelen çağrılar için IVR çağrı bildirimlerini (GET) bu adrese gönder; {{call_callerid}} gibi makrolar değerleriyle doldurulur</translation>
    </message>
    <message>
        <source>random seed of the generated data</source>
        <translation>üretilen verinin rastgelelik tohumu</translation>
    </message>
    <message>
        <source>enable the /_sim/ fault and state endpoints</source>
        <translation>/_sim/ arıza ve durum uç noktalarını etkinleştir</translation>
    </message>
    <message>
        <source>internal error; details were written to {path}</source>
        <translation>iç hata; ayrıntılar {path} dosyasına yazıldı</translation>
    </message>
    <message>
        <source>Status set to {status}.</source>
        <translation>Durum {status} olarak ayarlandı.</translation>
    </message>
    <message>
        <source>No live calls.</source>
        <translation>Canlı çağrı yok.</translation>
    </message>
    <message>
        <source>inbound</source>
        <translation>gelen</translation>
    </message>
    <message>
        <source>outbound</source>
        <translation>giden</translation>
    </message>
    <message>
        <source>print the agent's status in CCS, or change it with `status set`</source>
        <translation>temsilcinin CCS'teki durumunu yazdır veya `status set` ile değiştir</translation>
    </message>
    <message>
        <source>print {"status": ...}</source>
        <translation>{"status": ...} yazdır</translation>
    </message>
    <message>
        <source>change the agent's status (refused by CCS during a call)</source>
        <translation>temsilcinin durumunu değiştir (çağrı sırasında CCS reddeder)</translation>
    </message>
    <message>
        <source>one of: {statuses}</source>
        <translation>şunlardan biri: {statuses}</translation>
    </message>
    <message>
        <source>list the agent's live calls in CCS, with their live-call keys</source>
        <translation>temsilcinin CCS'teki canlı çağrılarını canlı çağrı anahtarlarıyla listele</translation>
    </message>
    <message>
        <source>print a list of {key, callid, callerid, called_num, queue, inbound, status, ...}</source>
        <translation>{key, callid, callerid, called_num, queue, inbound, status, ...} listesi yazdır</translation>
    </message>
    <message>
        <source>The directory {name} needs a password: set {env} or run this in a terminal.</source>
        <translation>{name} rehberi bir parola istiyor: {env} değişkenini ayarlayın ya da bunu bir terminalde çalıştırın.</translation>
    </message>
    <message>
        <source>Password for the directory {name}: </source>
        <translation>{name} rehberinin parolası: </translation>
    </message>
    <message>
        <source>No password given; nothing was saved.</source>
        <translation>Parola verilmedi; hiçbir şey kaydedilmedi.</translation>
    </message>
    <message>
        <source>--option takes KEY=VALUE, not {value}.</source>
        <translation>--option ANAHTAR=DEĞER ister, {value} değil.</translation>
    </message>
    <message>
        <source>There is already a directory called {name}; remove it first.</source>
        <translation>{name} adında bir rehber zaten var; önce onu kaldırın.</translation>
    </message>
    <message>
        <source>Added the directory {name}; `ccs-desktop directory sync {name}` fetches it now.</source>
        <translation>{name} rehberi eklendi; `ccs-desktop directory sync {name}` onu hemen getirir.</translation>
    </message>
    <message>
        <source>Added the CRM look-up {name}.</source>
        <translation>{name} CRM sorgusu eklendi.</translation>
    </message>
    <message>
        <source>No directories; add one with `ccs-desktop directory add`.</source>
        <translation>Rehber yok; `ccs-desktop directory add` ile ekleyin.</translation>
    </message>
    <message>
        <source>, blocklist</source>
        <translation>, engelleme listesi</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entry(s)</source>
        <translation>
            <numerusform>%Ln kayıt</numerusform>
        </translation>
    </message>
    <message>
        <source>last sync {when}</source>
        <translation>son eşitleme {when}</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>hiç eşitlenmedi</translation>
    </message>
    <message>
        <source>last try failed: {error}</source>
        <translation>son deneme başarısız: {error}</translation>
    </message>
    <message>
        <source>No password for the directory {name} in the keyring: remove it and add it again.</source>
        <translation>Anahtarlıkta {name} rehberinin parolası yok: rehberi kaldırıp yeniden ekleyin.</translation>
    </message>
    <message>
        <source>There is no directory called {name}.</source>
        <translation>{name} adında bir rehber yok.</translation>
    </message>
    <message>
        <source>{name} is a CRM look-up: it is asked per number, never synced.</source>
        <translation>{name} bir CRM sorgusu: her numara için sorulur, hiç eşitlenmez.</translation>
    </message>
    <message numerus="yes">
        <source>(the last good copy of %Ln entry(s) is kept)</source>
        <translation>
            <numerusform>(%Ln kayıtlık son sağlam kopya korunuyor)</numerusform>
        </translation>
    </message>
    <message>
        <source>Removed the directory {name}, its copy and its password.</source>
        <translation>{name} rehberi, kopyası ve parolası kaldırıldı.</translation>
    </message>
    <message>
        <source>shared customer directories: LDAP/AD, CardDAV, a directory URL, a CRM look-up</source>
        <translation>ortak müşteri rehberleri: LDAP/AD, CardDAV, rehber adresi, CRM sorgusu</translation>
    </message>
    <message>
        <source>add a directory source (its password from CCS_DIRECTORY_PASSWORD or a prompt)</source>
        <translation>bir rehber kaynağı ekle (parolası CCS_DIRECTORY_PASSWORD'den ya da sorularak alınır)</translation>
    </message>
    <message>
        <source>Add a directory source. A password is read from CCS_DIRECTORY_PASSWORD or asked for without echo, and kept only in the keyring.</source>
        <translation>Bir rehber kaynağı ekler. Parola CCS_DIRECTORY_PASSWORD'den okunur ya da ekranda gösterilmeden sorulur ve yalnızca anahtarlıkta tutulur.</translation>
    </message>
    <message>
        <source>ldap:// (StartTLS) or ldaps:// server</source>
        <translation>ldap:// (StartTLS) ya da ldaps:// sunucusu</translation>
    </message>
    <message>
        <source>CardDAV server; discovery starts here</source>
        <translation>CardDAV sunucusu; keşif buradan başlar</translation>
    </message>
    <message>
        <source>a directory file in MicroSIP's JSON or XML format</source>
        <translation>MicroSIP'in JSON ya da XML biçiminde bir rehber dosyası</translation>
    </message>
    <message>
        <source>a CRM look-up URL, e.g. https://crm/api?phone={e164}</source>
        <translation>bir CRM sorgu adresi, ör. https://crm/api?phone={e164}</translation>
    </message>
    <message>
        <source>LDAP base DN</source>
        <translation>LDAP temel DN</translation>
    </message>
    <message>
        <source>LDAP bind DN (anonymous without it)</source>
        <translation>LDAP bağlanma DN'i (verilmezse anonim)</translation>
    </message>
    <message>
        <source>LDAP search filter</source>
        <translation>LDAP arama filtresi</translation>
    </message>
    <message>
        <source>CardDAV user, or the directory URL's HTTP user</source>
        <translation>CardDAV kullanıcısı ya da rehber adresinin HTTP kullanıcısı</translation>
    </message>
    <message>
        <source>CRM: header that carries the secret</source>
        <translation>CRM: gizli anahtarı taşıyan başlık</translation>
    </message>
    <message>
        <source>CRM: dotted key of the name (default name)</source>
        <translation>CRM: adın noktalı anahtarı (varsayılan name)</translation>
    </message>
    <message>
        <source>CRM: dotted key of the company</source>
        <translation>CRM: firmanın noktalı anahtarı</translation>
    </message>
    <message>
        <source>CRM: dotted key of the record URL</source>
        <translation>CRM: kayıt adresinin noktalı anahtarı</translation>
    </message>
    <message>
        <source>CRM: keep answers this long</source>
        <translation>CRM: yanıtları bu kadar süre sakla</translation>
    </message>
    <message>
        <source>lower comes first; local contacts are 0 (default %(default)s)</source>
        <translation>küçük olan önce gelir; yerel kişiler 0'dır (varsayılan %(default)s)</translation>
    </message>
    <message>
        <source>its numbers show as blocked / spam</source>
        <translation>numaraları engelli / spam olarak gösterilir</translation>
    </message>
    <message>
        <source>a setting of the source's kind (LDAP attribute map, prefix to strip...); repeatable</source>
        <translation>kaynak türüne özgü bir ayar (LDAP öznitelik eşlemesi, atılacak önek...); tekrarlanabilir</translation>
    </message>
    <message>
        <source>minutes between syncs (LDAP, CardDAV)</source>
        <translation>eşitlemeler arasındaki dakika (LDAP, CardDAV)</translation>
    </message>
    <message>
        <source>the sources, their counts, last sync and errors</source>
        <translation>kaynaklar, kayıt sayıları, son eşitleme ve hatalar</translation>
    </message>
    <message>
        <source>print a JSON array</source>
        <translation>JSON dizisi yazdır</translation>
    </message>
    <message>
        <source>fetch one source or all now (exit 4 when a server fails)</source>
        <translation>bir kaynağı ya da hepsini şimdi getir (bir sunucu başarısız olursa çıkış kodu 4)</translation>
    </message>
    <message>
        <source>remove a source, its copy and its password</source>
        <translation>bir kaynağı, kopyasını ve parolasını kaldır</translation>
    </message>
</context>
<context>
    <name>ContactCard</name>
    <message>
        <source>E-mail</source>
        <translation>E-posta</translation>
    </message>
    <message>
        <source>Last calls</source>
        <translation>Son çağrılar</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Düzenle…</translation>
    </message>
    <message>
        <source>Edit contact</source>
        <translation>Kişiyi düzenle</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>Favori</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Sil</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>Kişiyi sil</translation>
    </message>
    <message>
        <source>Open in CRM</source>
        <translation>CRM'de aç</translation>
    </message>
    <message>
        <source>Close card</source>
        <translation>Kartı kapat</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Kapat (Esc)</translation>
    </message>
    <message>
        <source>Call {number}</source>
        <translation>{number} numarasını ara</translation>
    </message>
    <message>
        <source>No saved calls with this contact</source>
        <translation>Bu kişiyle kayıtlı çağrı yok</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>Edit contact</source>
        <translation>Kişiyi düzenle</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>Kişi ekle</translation>
    </message>
    <message>
        <source>mobile: 0532 123 45 67
work: +90 212 555 12 34</source>
        <translation>cep: 0532 123 45 67
iş: +90 212 555 12 34</translation>
    </message>
    <message>
        <source>Favourite (listed first)</source>
        <translation>Favori (listede önce gelir)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Şirket</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Numaralar</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-posta</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notlar</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>Favori</translation>
    </message>
    <message>
        <source>Not a phone number: {lines}</source>
        <translation>Telefon numarası değil: {lines}</translation>
    </message>
    <message>
        <source>Give at least a name or a number.</source>
        <translation>En azından bir ad ya da numara girin.</translation>
    </message>
</context>
<context>
    <name>ContactsController</name>
    <message>
        <source>Saved {name}.</source>
        <translation>{name} kaydedildi.</translation>
    </message>
    <message>
        <source>Some rows were skipped</source>
        <translation>Bazı satırlar atlandı</translation>
    </message>
    <message>
        <source>Some numbers need a look</source>
        <translation>Bazı numaralara bakmak gerekiyor</translation>
    </message>
    <message>
        <source>line {line}: {reason}</source>
        <translation>satır {line}: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln contact(s) to {path}.</source>
        <translation>
            <numerusform>%Ln kişi {path} dosyasına aktarıldı.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln call(s) to {path}.</source>
        <translation>
            <numerusform>%Ln çağrı {path} dosyasına aktarıldı.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContactsPanel</name>
    <message>
        <source>Search name, company or number</source>
        <translation>Kişi bul: ad, şirket ya da numara</translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>Kişilerde ara</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Ekle…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Düzenle…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Sil</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>Favori</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>Kişi ekle</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kişiler</translation>
    </message>
    <message>
        <source>Enter calls the first number; the menu has the others</source>
        <translation>Enter ilk numarayı arar; diğerleri menüde</translation>
    </message>
    <message>
        <source>No contacts yet. Add one, or import a CSV or vCard file from your CRM.</source>
        <translation>Henüz kişi yok. Bir kişi ekleyin ya da CRM'inizden bir CSV veya vCard dosyası içe aktarın.</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>İçe aktar…</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>Kişileri içe aktar</translation>
    </message>
    <message>
        <source>Call {number}</source>
        <translation>{number} numarasını ara</translation>
    </message>
    <message>
        <source>Open in CRM</source>
        <translation>CRM'de aç</translation>
    </message>
    <message numerus="yes">
        <source>%n found for “{query}”</source>
        <translation>
            <numerusform>“{query}” için %n sonuç</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation>
            <numerusform>%Ln kişi</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>No app_token: run `ccs-desktop login` or set CCS_APP_TOKEN.</source>
        <extracomment>Called (from whatever thread logged in) with each new session: the softphone page must follow it.</extracomment>
        <translation>app_token yok: `ccs-desktop login` çalıştırın ya da CCS_APP_TOKEN değişkenini ayarlayın.</translation>
    </message>
    <message>
        <source>CCS keeps refusing the session for {email} ({reason}); log in again.</source>
        <translation>CCS, {email} için oturumu reddetmeye devam ediyor ({reason}); yeniden oturum açın.</translation>
    </message>
    <message>
        <source>CCS keeps refusing the credentials for {email} ({reason}).</source>
        <translation>CCS, {email} için kimlik bilgilerini reddetmeye devam ediyor ({reason}).</translation>
    </message>
    <message>
        <source>CCS did not confirm the call to {number} in time. It may be ringing; it was not repeated (transaction {transaction}).</source>
        <translation>CCS, {number} aramasını zamanında onaylamadı. Çalıyor olabilir; arama tekrarlanmadı (işlem {transaction}).</translation>
    </message>
    <message>
        <source>{error} The call to {number} may have been placed; it was not repeated (transaction {transaction}).</source>
        <translation>{error} {number} araması başlatılmış olabilir; arama tekrarlanmadı (işlem {transaction}).</translation>
    </message>
    <message>
        <source>{error} The call to {number} was not placed.</source>
        <translation>{error} {number} araması başlatılmadı.</translation>
    </message>
    <message>
        <source>{date} is before {year}: give a date from {year} on.</source>
        <extracomment>Functions that change nothing on CCS, so a lost answer may be asked for again once. The earliest year a date may have: CCS reads 'YYYY-MM-DD', and Python writes year 999 as '999-...'. Words CCS uses when it refuses a token; such refusals are authentication failures, not API errors. How a click2call refusal names the "Restrict Manual Calls" permission (the exact text is unknown upstream, ccs-api.md §7b): English and Turkish wordings. The longest wait a 429 may ask for that we believe; a longer (or absurd) one is cut to this. The wait assumed when a 429 names none (or one that cannot be read).</extracomment>
        <translation>{date}, {year} yılından önce: {year} ve sonrasından bir tarih verin.</translation>
    </message>
    <message>
        <source>Sorting must be asc or desc, not {value}.</source>
        <translation>Sıralama asc ya da desc olmalı, {value} değil.</translation>
    </message>
    <message>
        <source>Call records need a start and a finish date.</source>
        <translation>Çağrı kayıtları için başlangıç ve bitiş tarihi gerekir.</translation>
    </message>
    <message>
        <source>The start date is after the finish date.</source>
        <translation>Başlangıç tarihi bitiş tarihinden sonra.</translation>
    </message>
    <message>
        <source>{host} accepted the login but sent no session.</source>
        <translation>{host} oturum açmayı kabul etti ama oturum göndermedi.</translation>
    </message>
    <message>
        <source>{host} sent call records in an unexpected shape.</source>
        <translation>{host} çağrı kayıtlarını beklenmeyen bir biçimde gönderdi.</translation>
    </message>
    <message>
        <source>Cannot reach {host}: no connection within {seconds:g} s.</source>
        <translation>{host} adresine ulaşılamıyor: {seconds:g} sn içinde bağlantı kurulamadı.</translation>
    </message>
    <message>
        <source>{host} did not answer within {seconds:g} s.</source>
        <translation>{host}, {seconds:g} sn içinde yanıt vermedi.</translation>
    </message>
    <message>
        <source>Cannot reach {host}: {reason}.</source>
        <translation>{host} adresine ulaşılamıyor: {reason}.</translation>
    </message>
    <message>
        <source>{host} answered with HTTP {status} (a server error).</source>
        <translation>{host} HTTP {status} ile yanıt verdi (sunucu hatası).</translation>
    </message>
    <message>
        <source>{host} sent the agent report in an unexpected shape.</source>
        <translation>{host} temsilci raporunu beklenmedik bir biçimde gönderdi.</translation>
    </message>
    <message>
        <source>{host} answered with HTTP {status} (an unexpected status).</source>
        <translation>{host} HTTP {status} ile yanıt verdi (beklenmeyen durum).</translation>
    </message>
    <message>
        <source>{host} sent an answer that is not valid JSON.</source>
        <translation>{host} geçerli JSON olmayan bir yanıt gönderdi.</translation>
    </message>
    <message>
        <source>{host} sent an answer in an unexpected shape.</source>
        <extracomment>What an agent can set (ccs-api.md §6.1, §7b), in the order a menu shows them. Words of a refusal that mean "this session is unknown or expired", whatever the exact shape.</extracomment>
        <translation>{host} beklenmeyen biçimde bir yanıt gönderdi.</translation>
    </message>
    <message>
        <source>Login refused by {host}: {reason}.</source>
        <translation>{host} oturum açmayı reddetti: {reason}.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>neden belirtilmedi</translation>
    </message>
    <message>
        <source>{host} rejected the app_token: {reason}.</source>
        <translation>{host} app_token'ı reddetti: {reason}.</translation>
    </message>
    <message>
        <source>the host name was not found</source>
        <translation>sunucu adı bulunamadı</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>bağlantı reddedildi</translation>
    </message>
    <message>
        <source>its certificate could not be verified</source>
        <translation>sertifikası doğrulanamadı</translation>
    </message>
    <message>
        <source>the secure connection failed</source>
        <translation>güvenli bağlantı kurulamadı</translation>
    </message>
    <message>
        <source>the connection was lost before it answered</source>
        <translation>yanıt gelmeden bağlantı koptu</translation>
    </message>
    <message>
        <source>the network is unreachable</source>
        <translation>ağa ulaşılamıyor</translation>
    </message>
    <message>
        <source>the connection failed</source>
        <translation>bağlantı kurulamadı</translation>
    </message>
    <message>
        <source>incoming</source>
        <translation>gelen</translation>
    </message>
    <message>
        <source>outgoing</source>
        <translation>giden</translation>
    </message>
    <message>
        <source>Last call {date}</source>
        <translation>Son çağrı {date}</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>cevaplandı</translation>
    </message>
    <message>
        <source>in</source>
        <translation>gelen</translation>
    </message>
    <message>
        <source>out</source>
        <translation>giden</translation>
    </message>
    <message>
        <source>ringing</source>
        <translation>çalıyor</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>sürüyor</translation>
    </message>
    <message>
        <source>awaiting record</source>
        <translation>kayıt bekleniyor</translation>
    </message>
    <message>
        <source>no record</source>
        <translation>kayıt yok</translation>
    </message>
    <message>
        <source>following</source>
        <translation>izleniyor</translation>
    </message>
    <message>
        <source>done</source>
        <translation>tamamlandı</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>cevapsız</translation>
    </message>
    <message>
        <source>{hours} h {minutes:02d} min</source>
        <translation>{hours} sa {minutes:02d} dk</translation>
    </message>
    <message>
        <source>an unknown number</source>
        <translation>bilinmeyen bir numara</translation>
    </message>
    <message>
        <source>{name} ({company})</source>
        <translation>{name} ({company})</translation>
    </message>
    <message>
        <source>Incoming from {party}</source>
        <translation>Gelen arama: {party}</translation>
    </message>
    <message>
        <source>Outgoing to {party}</source>
        <translation>Giden arama: {party}</translation>
    </message>
    <message>
        <source>Call with {party}</source>
        <translation>Arama: {party}</translation>
    </message>
    <message>
        <source>answered by you</source>
        <translation>sizin tarafınızdan cevaplandı</translation>
    </message>
    <message>
        <source>answered by {agent}</source>
        <translation>{agent} tarafından cevaplandı</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>cevap yok</translation>
    </message>
    <message>
        <source>rang {time}</source>
        <translation>{time} çaldı</translation>
    </message>
    <message>
        <source>queue {queue}</source>
        <translation>kuyruk {queue}</translation>
    </message>
    <message>
        <source>No tenant given: use a tenant name (acme), a host (acme.alo-tech.com) or a URL.</source>
        <translation>Firma verilmedi: bir firma adı (acme), sunucu (acme.alo-tech.com) ya da URL kullanın.</translation>
    </message>
    <message>
        <source>Tenant URL must start with https:// or http:// and name a host: {url}</source>
        <translation>Firma URL'si https:// ya da http:// ile başlamalı ve bir sunucu içermeli: {url}</translation>
    </message>
    <message>
        <source>Tenant URL must not carry a query, a fragment or a password.</source>
        <translation>Firma URL'si sorgu, parça (#) ya da parola içermemeli.</translation>
    </message>
    <message>
        <source>Tenant URL has an invalid port: {url}</source>
        <translation>Firma URL'sinin portu geçersiz: {url}</translation>
    </message>
    <message>
        <source>{text} is not a tenant name, host or URL (examples: acme, acme.alo-tech.com, https://acme.example).</source>
        <translation>{text} bir firma adı, sunucu ya da URL değil (örnekler: acme, acme.alo-tech.com, https://acme.example).</translation>
    </message>
    <message>
        <source>{added} added, {merged} merged, {skipped} skipped.</source>
        <extracomment>Biggest file we read whole; a contacts export of 100,000 rows is about 10 MB.</extracomment>
        <translation>{added} eklendi, {merged} birleştirildi, {skipped} atlandı.</translation>
    </message>
    <message>
        <source>{path} is too big to import ({size} MB).</source>
        <translation>{path} içe aktarmak için çok büyük ({size} MB).</translation>
    </message>
    <message>
        <source>{path} does not exist.</source>
        <translation>{path} yok.</translation>
    </message>
    <message>
        <source>{path} is a folder, not a file.</source>
        <translation>{path} bir klasör, dosya değil.</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}.</source>
        <translation>{path} okunamıyor: {reason}.</translation>
    </message>
    <message>
        <source>The first line has no name or phone column (for example: Ad Soyad;Telefon).</source>
        <translation>İlk satırda ad ya da telefon sütunu yok (örneğin: Ad Soyad;Telefon).</translation>
    </message>
    <message>
        <source>a quote opened here is never closed</source>
        <translation>burada açılan tırnak hiç kapanmıyor</translation>
    </message>
    <message>
        <source>a quote opened here is never closed (the quote on line {end} was taken as its end)</source>
        <translation>burada açılan tırnak hiç kapanmıyor ({end}. satırdaki tırnak onun sonu sayıldı)</translation>
    </message>
    <message>
        <source>a field is longer than {limit} characters</source>
        <translation>bir alan {limit} karakterden uzun</translation>
    </message>
    <message>
        <source>cannot be read as CSV: {error}</source>
        <translation>CSV olarak okunamıyor: {error}</translation>
    </message>
    <message>
        <source>the card cannot be read: {error}</source>
        <translation>kart okunamıyor: {error}</translation>
    </message>
    <message>
        <source>{path} is empty.</source>
        <extracomment>Seconds of writing per transaction. Readers on other connections never wait for an import (WAL); writers (the call cache saving a page, a note) queue for the file (core.database.WriteQueue) and go between two batches. An import that stops half-way is finished by running it again, since re-imports merge.</extracomment>
        <translation>{path} boş.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln number(s) left out.</source>
        <translation>
            <numerusform>%Ln numara alınmadı.</numerusform>
        </translation>
    </message>
    <message>
        <source>expected {expected} columns, found {found}</source>
        <translation>{expected} sütun bekleniyordu, {found} bulundu</translation>
    </message>
    <message>
        <source>{number} was kept but flagged: it is not in a known number range (check it)</source>
        <translation>{number} saklandı ama işaretlendi: bilinen bir numara aralığında değil (kontrol edin)</translation>
    </message>
    <message>
        <source>no name and no phone number</source>
        <translation>ad da telefon numarası da yok</translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}.</source>
        <translation>{path} yazılamıyor: {reason}.</translation>
    </message>
    <message>
        <source>{path} has no vCard in it (no BEGIN:VCARD line).</source>
        <translation>{path} içinde vCard yok (BEGIN:VCARD satırı yok).</translation>
    </message>
    <message>
        <source>the card has no END:VCARD</source>
        <translation>kartta END:VCARD yok</translation>
    </message>
    <message>
        <source>Cannot open the database file {path}: {error}.</source>
        <extracomment>Schema migrations in order; `user_version` is how many have run. Append, never edit or reorder once released. Seconds a writer waits for its turn before it gives up as SQLite would ("database is locked"); the same as the connections' busy_timeout, which still applies between processes (the CLI beside the app).</extracomment>
        <translation>Veritabanı dosyası {path} açılamıyor: {error}.</translation>
    </message>
    <message>
        <source>{path} is not a usable ccs-desktop database: {error}.</source>
        <translation>{path} kullanılabilir bir ccs-desktop veritabanı değil: {error}.</translation>
    </message>
    <message>
        <source>{path} was written by a newer ccs-desktop (schema {version}, this one knows {known}).</source>
        <translation>{path} daha yeni bir ccs-desktop tarafından yazılmış (şema {version}, bu sürüm {known} şemasını biliyor).</translation>
    </message>
    <message>
        <source>Invalid phone number {number}: {error}</source>
        <extracomment>Words of a search that are used; the rest are ignored. Each word is one SQL condition, and a pasted paragraph (1,000 words) would exceed SQLite's expression depth ("Expression tree is too large").</extracomment>
        <translation>Geçersiz telefon numarası {number}: {error}</translation>
    </message>
    <message>
        <source>This contact has not been saved yet.</source>
        <translation>Bu kişi henüz kaydedilmedi.</translation>
    </message>
    <message>
        <source>There is no contact with id {id}.</source>
        <translation>{id} kimlikli bir kişi yok.</translation>
    </message>
    <message>
        <source>Another contact already has the external id {id}.</source>
        <translation>{id} dış kimliği zaten başka bir kişide var.</translation>
    </message>
    <message>
        <source>The system keyring is not available ({error}). ccs-desktop keeps the app_token only there: unlock or install a keyring (GNOME Keyring, KWallet, ...), or set PYTHON_KEYRING_BACKEND.</source>
        <translation>Sistem anahtarlığı kullanılamıyor ({error}). ccs-desktop app_token'ı yalnızca orada saklar: bir anahtarlığın (GNOME Keyring, KWallet, ...) kilidini açın ya da kurun veya PYTHON_KEYRING_BACKEND değişkenini ayarlayın.</translation>
    </message>
    <message>
        <source>Something went wrong ({error}); details are in the log.</source>
        <translation>Bir şeyler ters gitti ({error}); ayrıntılar günlükte.</translation>
    </message>
    <message>
        <source>CCS refused {function}: {reason}</source>
        <translation>CCS {function} isteğini reddetti: {reason}</translation>
    </message>
    <message>
        <source>CCS refused the request: {reason}</source>
        <translation>CCS isteği reddetti: {reason}</translation>
    </message>
    <message>
        <source>Your CCS user may not place manual calls; ask your CCS administrator.</source>
        <translation>CCS kullanıcınız manuel arama yapamaz; CCS yöneticinize başvurun.</translation>
    </message>
    <message>
        <source>The running ccs-desktop did not answer in time.</source>
        <translation>Çalışan ccs-desktop zamanında yanıt vermedi.</translation>
    </message>
    <message>
        <source>The running ccs-desktop closed the connection.</source>
        <translation>Çalışan ccs-desktop bağlantıyı kapattı.</translation>
    </message>
    <message>
        <source>The running ccs-desktop closed before answering; it may have quit.</source>
        <translation>Çalışan ccs-desktop yanıt vermeden bağlantıyı kapattı; kapanmış olabilir.</translation>
    </message>
    <message>
        <source>The running ccs-desktop sent an unreadable answer.</source>
        <translation>Çalışan ccs-desktop okunamayan bir yanıt gönderdi.</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>başarısız</translation>
    </message>
    <message>
        <source>{region} is not a known region code (examples: TR, DE, GB, US).</source>
        <extracomment>Clipboard and free text are scanned only this far: a pasted e-mail thread must not stall anything. A number libphonenumber does not list is kept if it has the length of a landline or mobile of its region: the region's shortest numbers (7-digit service numbers in TR) would let a cut-off mobile number through. False for a number of possible length that libphonenumber's metadata does not list (see parse_possible)</extracomment>
        <translation>{region} bilinen bir bölge kodu değil (örnekler: TR, DE, GB, US).</translation>
    </message>
    <message>
        <source>No phone number given.</source>
        <translation>Telefon numarası verilmedi.</translation>
    </message>
    <message>
        <source>{number} is too long to be a phone number.</source>
        <translation>{number} telefon numarası olamayacak kadar uzun.</translation>
    </message>
    <message>
        <source>{number} has letters in it; a phone number is digits only (the keypad_letters setting dials letters as keypad digits).</source>
        <translation>{number} harf içeriyor; telefon numarası yalnızca rakamdan oluşur (keypad_letters ayarı harfleri tuş takımındaki rakamlar olarak arar).</translation>
    </message>
    <message>
        <source>{number} is not a phone number.</source>
        <translation>{number} bir telefon numarası değil.</translation>
    </message>
    <message>
        <source>{number} is not a valid phone number for {region}.</source>
        <translation>{number}, {region} için geçerli bir telefon numarası değil.</translation>
    </message>
    <message>
        <source>The outside-line prefix may hold only digits, * and # (at most 8), not {value}.</source>
        <translation>Dış hat ön eki yalnızca rakam, * ve # içerebilir (en çok 8), {value} olamaz.</translation>
    </message>
    <message>
        <source>Dial format must be one of {choices}, not {value}.</source>
        <translation>Arama biçimi şunlardan biri olmalı: {choices}; {value} değil.</translation>
    </message>
    <message>
        <source>Setting {name} must be a {kind}, not {value}.</source>
        <translation>{name} ayarı {kind} türünde olmalı, {value} değil.</translation>
    </message>
    <message>
        <source>Setting {name} must be one of {choices}, not {value}.</source>
        <translation>{name} ayarı şunlardan biri olmalı: {choices}; {value} değil.</translation>
    </message>
    <message>
        <source>Setting {name} must be at least {minimum:g}.</source>
        <translation>{name} ayarı en az {minimum:g} olmalı.</translation>
    </message>
    <message>
        <source>Cannot read the settings file {path}: {reason}.</source>
        <translation>Ayar dosyası {path} okunamıyor: {reason}.</translation>
    </message>
    <message>
        <source>The settings file {path} is damaged ({error}); fix or delete it.</source>
        <translation>Ayar dosyası {path} bozuk ({error}); düzeltin ya da silin.</translation>
    </message>
    <message>
        <source>There is no setting called {name}.</source>
        <translation>{name} adında bir ayar yok.</translation>
    </message>
    <message>
        <source>The softphone URL template has an unbalanced { or }.</source>
        <translation>Softphone URL şablonunda eşi olmayan bir { ya da } var.</translation>
    </message>
    <message>
        <source>Unknown placeholder {{{name}}} in the softphone URL template (known: {known}).</source>
        <translation>Softphone URL şablonunda bilinmeyen yer tutucu {{{name}}} (bilinenler: {known}).</translation>
    </message>
    <message>
        <source>The softphone URL template needs {session}: it is how the agent is logged in.</source>
        <translation>Softphone URL şablonunda {session} olmalı: temsilcinin oturumu onunla açılır.</translation>
    </message>
    <message>
        <source>The softphone URL template must start with https:// (or {base}).</source>
        <translation>Softphone URL şablonu https:// (ya da {base}) ile başlamalı.</translation>
    </message>
    <message>
        <source>Choose the first and last day of the period.</source>
        <translation>Dönemin ilk ve son gününü seçin.</translation>
    </message>
    <message>
        <source>The first day is after the last day.</source>
        <translation>İlk gün son günden sonra.</translation>
    </message>
    <message>
        <source>Unknown period {name}; choose one of {names}.</source>
        <translation>Bilinmeyen dönem {name}; şunlardan birini seçin: {names}.</translation>
    </message>
    <message>
        <source>answered, {duration}</source>
        <translation>cevaplandı, {duration}</translation>
    </message>
    <message>
        <source>not answered ({status})</source>
        <translation>cevaplanmadı ({status})</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>cevaplanmadı</translation>
    </message>
    <message>
        <source>Call record: {outcome}, queue {queue}</source>
        <translation>Çağrı kaydı: {outcome}, kuyruk {queue}</translation>
    </message>
    <message>
        <source>Call record: {outcome}</source>
        <translation>Çağrı kaydı: {outcome}</translation>
    </message>
    <message>
        <source>No call record from CCS after {minutes} min</source>
        <translation>{minutes} dk sonra da CCS'ten çağrı kaydı gelmedi</translation>
    </message>
    <message>
        <source>A notification arrived but CCS has no call record</source>
        <translation>Bildirim geldi ama CCS'te çağrı kaydı yok</translation>
    </message>
    <message>
        <source>CCS has no call record for this call</source>
        <translation>CCS'te bu çağrının kaydı yok</translation>
    </message>
    <message>
        <source>The call record arrived without a hangup notification</source>
        <translation>Çağrı kaydı geldi ama kapatma bildirimi gelmedi</translation>
    </message>
    <message>
        <source>The call record arrived without an end-of-call notification</source>
        <translation>Çağrı kaydı geldi ama çağrı sonu bildirimi gelmedi</translation>
    </message>
    <message>
        <source>{program} is not installed (Debian/Ubuntu package xdg-utils); it sets the default apps.</source>
        <translation>{program} kurulu değil (Debian/Ubuntu paketi xdg-utils); varsayılan uygulamaları o ayarlar.</translation>
    </message>
    <message>
        <source>{program} did not answer in {seconds} s.</source>
        <translation>{program} {seconds} sn içinde yanıt vermedi.</translation>
    </message>
    <message>
        <source>{command} failed: {output}</source>
        <translation>{command} başarısız oldu: {output}</translation>
    </message>
    <message>
        <source>call notification without {name}</source>
        <translation>{name} içermeyen çağrı bildirimi</translation>
    </message>
    <message>
        <source>hangup notification without {name}</source>
        <translation>{name} içermeyen kapatma bildirimi</translation>
    </message>
    <message>
        <source>cannot listen for call notifications on {address}: {reason}</source>
        <translation>{address} üzerinde çağrı bildirimleri dinlenemiyor: {reason}</translation>
    </message>
    <message>
        <source>the notification token must be 16 to 256 URL-safe characters</source>
        <translation>bildirim anahtarı URL'de kullanılabilen 16 ile 256 arası karakterden oluşmalı</translation>
    </message>
    <message>
        <source>the notification port must be between 0 and 65535, not {port}</source>
        <translation>bildirim portu 0 ile 65535 arasında olmalı, {port} değil</translation>
    </message>
    <message>
        <source>{error}; trying again in {seconds} s (attempt {attempt})</source>
        <translation>{error}; {seconds} sn sonra yeniden denenecek ({attempt}. deneme)</translation>
    </message>
    <message>
        <source>unknown address</source>
        <translation>bilinmeyen adres</translation>
    </message>
    <message>
        <source>the port is already in use</source>
        <translation>port zaten kullanımda</translation>
    </message>
    <message>
        <source>this computer has no such address</source>
        <translation>bu bilgisayarda böyle bir adres yok</translation>
    </message>
    <message>
        <source>permission denied (ports below 1024 need administrator rights)</source>
        <translation>izin verilmedi (1024'ün altındaki portlar yönetici hakları gerektirir)</translation>
    </message>
    <message>
        <source>invalid address</source>
        <translation>geçersiz adres</translation>
    </message>
    <message>
        <source>Write the time zone as an offset from UTC, like +03:00, not {text}.</source>
        <extracomment>The documented reportsCDRLogs fields, in the order exports show them; unknown fields follow.</extracomment>
        <translation>Saat dilimini UTC'ye göre fark olarak yazın (örneğin +03:00); {text} olmaz.</translation>
    </message>
    <message>
        <source>{status} is not a status CCS knows; use one of: {statuses}.</source>
        <extracomment>What an agent can set. What CCS shows while the agent is on a call; a status change is refused then.</extracomment>
        <translation>{status} CCS'in bildiği bir durum değil; şunlardan birini kullanın: {statuses}.</translation>
    </message>
    <message>
        <source>{email} is not in the tenant's agent list.</source>
        <translation>{email} kiracının temsilci listesinde yok.</translation>
    </message>
    <message>
        <source>{host} redirected the request elsewhere (HTTP {status}); check the v1 address.</source>
        <translation>{host} isteği başka bir yere yönlendirdi (HTTP {status}); v1 adresini denetleyin.</translation>
    </message>
    <message>
        <source>{host} rejected the app_token (HTTP {status}).</source>
        <translation>{host} app_token'ı reddetti (HTTP {status}).</translation>
    </message>
    <message>
        <source>{host} is busy (too many requests); ask again in {seconds:.0f} s.</source>
        <translation>{host} meşgul (çok fazla istek); {seconds:.0f} sn sonra yeniden deneyin.</translation>
    </message>
    <message>
        <source>The CRM URL template has an unclosed brace.</source>
        <translation>CRM URL şablonunda kapanmamış bir süslü parantez var.</translation>
    </message>
    <message>
        <source>The CRM URL template has an unknown placeholder {name}; use {choices}.</source>
        <translation>CRM URL şablonunda bilinmeyen bir yer tutucu var: {name}; şunları kullanın: {choices}.</translation>
    </message>
    <message>
        <source>The CRM URL must start with http:// or https://, not {url}.</source>
        <translation>CRM URL'si http:// ya da https:// ile başlamalı, {url} ile değil.</translation>
    </message>
    <message>
        <source>{keys} cannot be a global shortcut: use Ctrl, Alt or the logo key with a letter, digit or F-key.</source>
        <extracomment>the global shortcuts the app offers: id -&gt; the settings option that holds its key sequence</extracomment>
        <translation>{keys} genel kısayol olamaz: Ctrl, Alt ya da logo tuşunu bir harf, rakam veya F tuşuyla kullanın.</translation>
    </message>
    <message>
        <source>A directory needs a name of 1 to 64 characters, without brackets, other than 'local'.</source>
        <extracomment>Minutes between syncs of an LDAP or CardDAV source (a directory URL follows its own Cache-Control).</extracomment>
        <translation>Bir rehberin 1-64 karakterlik, köşeli parantez içermeyen ve 'local' olmayan bir adı olmalı.</translation>
    </message>
    <message>
        <source>A directory's kind must be one of {choices}, not {value}.</source>
        <translation>Rehber türü {value} değil, şunlardan biri olmalı: {choices}.</translation>
    </message>
    <message>
        <source>The {kind} address must start with {schemes}, not {url}.</source>
        <translation>{kind} adresi {url} değil, {schemes} ile başlamalı.</translation>
    </message>
    <message>
        <source>Put no user or password in the address; give the user apart, the password goes to the keyring.</source>
        <translation>Adrese kullanıcı ya da parola yazmayın; kullanıcıyı ayrıca verin, parola anahtarlığa gider.</translation>
    </message>
    <message>
        <source>An LDAP directory needs a base DN (--base).</source>
        <translation>Bir LDAP rehberi temel DN ister (--base).</translation>
    </message>
    <message>
        <source>A CardDAV directory needs a user name (--user).</source>
        <translation>Bir CardDAV rehberi kullanıcı adı ister (--user).</translation>
    </message>
    <message>
        <source>Secrets never go in the settings file; {key} is kept in the keyring.</source>
        <translation>Gizli bilgiler ayar dosyasına asla yazılmaz; {key} anahtarlıkta tutulur.</translation>
    </message>
    <message>
        <source>The directory {name} in the settings file has a priority or interval that is no number.</source>
        <translation>Ayar dosyasındaki {name} rehberinin önceliği ya da aralığı bir sayı değil.</translation>
    </message>
    <message>
        <source>This ccs-desktop cannot read {kind} directories ({error}).</source>
        <translation>Bu ccs-desktop {kind} rehberlerini okuyamıyor ({error}).</translation>
    </message>
    <message>
        <source>The directory {name} is looked up per number, not synced.</source>
        <translation>{name} rehberi her numara için sorgulanır, eşitlenmez.</translation>
    </message>
    <message>
        <source>The CRM look-up needs a URL template.</source>
        <translation>CRM sorgusu bir adres şablonu ister.</translation>
    </message>
    <message>
        <source>The CRM look-up template must hold {e164}, {number} or {national}.</source>
        <translation>CRM sorgu şablonunda {e164}, {number} ya da {national} bulunmalı.</translation>
    </message>
    <message>
        <source>The CRM look-up is resting after a failure; it is asked again in {seconds:.0f} s.</source>
        <translation>CRM sorgusu bir hatadan sonra bekliyor; {seconds:.0f} sn sonra yeniden sorulacak.</translation>
    </message>
    <message>
        <source>The CRM at {host} did not answer JSON.</source>
        <translation>{host} üzerindeki CRM JSON yanıtı vermedi.</translation>
    </message>
    <message>
        <source>The CRM answered (it does not know the sample number).</source>
        <translation>CRM yanıt verdi (örnek numarayı tanımıyor).</translation>
    </message>
    <message>
        <source>The CRM answered.</source>
        <translation>CRM yanıt verdi.</translation>
    </message>
    <message>
        <source>{host} redirected to {other}; not followed, so your credentials stay with {host}.</source>
        <translation>{host} sizi {other} adresine yönlendirdi; izlenmedi, böylece kimlik bilgileriniz {host} üzerinde kalır.</translation>
    </message>
    <message>
        <source>{host} redirected too many times.</source>
        <translation>{host} çok fazla kez yönlendirdi.</translation>
    </message>
    <message>
        <source>{host} sent more than {mb} MB; that is no directory.</source>
        <translation>{host} {mb} MB'tan fazla veri gönderdi; bu bir rehber değil.</translation>
    </message>
    <message>
        <source>{host} refused the user name or password (HTTP {status}).</source>
        <translation>{host} kullanıcı adını ya da parolayı kabul etmedi (HTTP {status}).</translation>
    </message>
    <message>
        <source>{host} could not answer now (HTTP {status}).</source>
        <translation>{host} şu anda yanıt veremedi (HTTP {status}).</translation>
    </message>
    <message>
        <source>{host} answered HTTP {status}.</source>
        <translation>{host} HTTP {status} yanıtı verdi.</translation>
    </message>
    <message>
        <source>{who} · from {source}</source>
        <translation>{who} · kaynak: {source}</translation>
    </message>
    <message>
        <source>{who}; company {company} from {source}</source>
        <translation>{who}; şirket {company}, kaynak {source}</translation>
    </message>
    <message>
        <source>Blocked / spam ({source})</source>
        <translation>Engelli / spam ({source})</translation>
    </message>
    <message numerus="yes">
        <source>The directory file answered with %Ln entry(s).</source>
        <translation>
            <numerusform>Rehber dosyası %Ln kayıtla yanıt verdi.</numerusform>
        </translation>
    </message>
    <message>
        <source>The directory file is not valid JSON.</source>
        <translation>Rehber dosyası geçerli bir JSON değil.</translation>
    </message>
    <message>
        <source>The directory file is not valid XML.</source>
        <translation>Rehber dosyası geçerli bir XML değil.</translation>
    </message>
    <message>
        <source>The directory file is neither JSON nor XML in MicroSIP's format.</source>
        <translation>Rehber dosyası MicroSIP biçiminde ne JSON ne de XML.</translation>
    </message>
    <message>
        <source>The directory file has no list of items.</source>
        <translation>Rehber dosyasında bir kayıt listesi yok.</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>bir nesne değil</translation>
    </message>
    <message>
        <source>no number</source>
        <translation>numara yok</translation>
    </message>
    <message>
        <source>The CardDAV server's answer is not XML ({error}).</source>
        <translation>CardDAV sunucusunun yanıtı XML değil ({error}).</translation>
    </message>
    <message>
        <source>{server}'s TLS certificate is not trusted (not signed by a known CA, expired, or for another name); give the CA file of your server.</source>
        <translation>{server} sunucusunun TLS sertifikasına güvenilmiyor (bilinen bir CA imzalamamış, süresi dolmuş ya da başka bir ad için verilmiş); sunucunuzun CA dosyasını verin.</translation>
    </message>
    <message>
        <source>The CardDAV server {server} cannot be reached (down, refused or timed out).</source>
        <translation>CardDAV sunucusu {server} erişilemiyor (kapalı, bağlantıyı reddetti ya da zaman aşımı).</translation>
    </message>
    <message>
        <source>The CardDAV request to {server} failed ({error}).</source>
        <translation>{server} sunucusuna CardDAV isteği başarısız oldu ({error}).</translation>
    </message>
    <message>
        <source>{server} refused the CardDAV user name or password.</source>
        <translation>{server} CardDAV kullanıcı adını ya da parolasını reddetti.</translation>
    </message>
    <message>
        <source>{server} redirects in a loop.</source>
        <translation>{server} isteği döngü halinde yönlendiriyor.</translation>
    </message>
    <message>
        <source>{server} answered {status} to {what}.</source>
        <translation>{server}, {what} isteğine {status} yanıtını verdi.</translation>
    </message>
    <message>
        <source>The CardDAV address must start with http:// or https://, not {url}.</source>
        <translation>CardDAV adresi http:// ya da https:// ile başlamalı, {url} ile değil.</translation>
    </message>
    <message>
        <source>{server} shows no address books for this account (no addressbook-home-set).</source>
        <translation>{server} bu hesap için hiç adres defteri göstermiyor (addressbook-home-set yok).</translation>
    </message>
    <message>
        <source>none</source>
        <translation>yok</translation>
    </message>
    <message>
        <source>Connected to {server}; address books: {names}.</source>
        <translation>{server} sunucusuna bağlanıldı; adres defterleri: {names}.</translation>
    </message>
    <message>
        <source>{server} never finished its list of changes.</source>
        <translation>{server} değişiklik listesini hiç bitirmedi.</translation>
    </message>
    <message>
        <source>the server sent no vCard</source>
        <translation>sunucu vCard göndermedi</translation>
    </message>
    <message>
        <source>the card has no name, company or e-mail</source>
        <translation>kartta ad, şirket ya da e-posta yok</translation>
    </message>
    <message>
        <source>The timeout of a CardDAV directory must be a number.</source>
        <translation>Bir CardDAV rehberinin zaman aşımı bir sayı olmalıdır.</translation>
    </message>
    <message>
        <source>a value is not UTF-8 text</source>
        <translation>bir değer UTF-8 metin değil</translation>
    </message>
    <message>
        <source>it has none of {attributes}</source>
        <translation>şunların hiçbiri yok: {attributes}</translation>
    </message>
    <message>
        <source>The LDAP address must look like ldap://host or ldaps://host, not {url}.</source>
        <translation>LDAP adresi ldap://sunucu ya da ldaps://sunucu biçiminde olmalı, {url} değil.</translation>
    </message>
    <message>
        <source>The LDAP address has a bad port.</source>
        <translation>LDAP adresindeki port hatalı.</translation>
    </message>
    <message>
        <source>{server} refused StartTLS ({reason}); use ldaps:// or turn StartTLS off.</source>
        <translation>{server} StartTLS'i reddetti ({reason}); ldaps:// kullanın ya da StartTLS'i kapatın.</translation>
    </message>
    <message>
        <source>{server} refused the bind DN or password.</source>
        <translation>{server} bağlanma DN'sini ya da parolayı reddetti.</translation>
    </message>
    <message>
        <source>{server} refused the bind: {reason}</source>
        <translation>{server} bağlanmayı reddetti: {reason}</translation>
    </message>
    <message>
        <source>{server}'s TLS certificate is not trusted (not signed by a known CA, expired, or for another name); give the CA file of your directory.</source>
        <translation>{server} sunucusunun TLS sertifikasına güvenilmiyor (bilinen bir CA imzalamamış, süresi dolmuş ya da başka bir ad için verilmiş); dizininizin CA dosyasını verin.</translation>
    </message>
    <message>
        <source>StartTLS with {server} failed: {reason}</source>
        <translation>{server} ile StartTLS başarısız oldu: {reason}</translation>
    </message>
    <message>
        <source>The LDAP server {server} cannot be reached (down, refused or timed out).</source>
        <translation>LDAP sunucusu {server} erişilemiyor (kapalı, bağlantıyı reddetti ya da zaman aşımı).</translation>
    </message>
    <message>
        <source>The LDAP server {server} failed: {reason}</source>
        <translation>LDAP sunucusu {server} hata verdi: {reason}</translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation>anonim</translation>
    </message>
    <message>
        <source>Connected to {server} as {who}; {base} is there.</source>
        <translation>{server} sunucusuna {who} olarak bağlanıldı; {base} mevcut.</translation>
    </message>
    <message>
        <source>The LDAP filter {filter} is not valid.</source>
        <translation>LDAP süzgeci {filter} geçerli değil.</translation>
    </message>
    <message>
        <source>{server} has no {base}: check the base DN.</source>
        <translation>{server} üzerinde {base} yok: temel DN'yi denetleyin.</translation>
    </message>
    <message>
        <source>{server} stopped the search at its size limit; lower the page size or ask for a higher limit.</source>
        <translation>{server} aramayı boyut sınırında durdurdu; sayfa boyutunu düşürün ya da daha yüksek bir sınır isteyin.</translation>
    </message>
    <message>
        <source>{server} refused the search: {reason}</source>
        <translation>{server} aramayı reddetti: {reason}</translation>
    </message>
    <message>
        <source>Unknown LDAP attribute preset {preset}: use auto, ad or inetorgperson.</source>
        <translation>Bilinmeyen LDAP öznitelik hazır ayarı {preset}: auto, ad ya da inetorgperson kullanın.</translation>
    </message>
    <message>
        <source>page_size and timeout of an LDAP directory must be numbers.</source>
        <translation>Bir LDAP rehberinin page_size ve timeout değerleri sayı olmalıdır.</translation>
    </message>
    <message>
        <source>{name} answered with no entries; the last copy is kept.</source>
        <translation>{name} hiç kayıt döndürmedi; son kopya korunuyor.</translation>
    </message>
    <message>
        <source>{count} skipped, e.g. {where}: {what}</source>
        <translation>{count} atlandı, örneğin {where}: {what}</translation>
    </message>
</context>
<context>
    <name>DataFiles</name>
    <message>
        <source>Import contacts</source>
        <translation>Kişileri içe aktar</translation>
    </message>
    <message>
        <source>Contacts (*.csv *.vcf *.vcard *.txt);;All files (*)</source>
        <translation>Kişiler (*.csv *.vcf *.vcard *.txt);;Tüm dosyalar (*)</translation>
    </message>
    <message>
        <source>Export contacts</source>
        <translation>Kişileri dışa aktar</translation>
    </message>
    <message>
        <source>contacts.csv</source>
        <translation>kisiler.csv</translation>
    </message>
    <message>
        <source>CSV (*.csv);;vCard (*.vcf)</source>
        <translation>CSV (*.csv);;vCard (*.vcf)</translation>
    </message>
    <message>
        <source>CSV for Excel (;) (*.csv)</source>
        <translation>Excel için CSV (;) (*.csv)</translation>
    </message>
    <message>
        <source>CSV (,) (*.csv)</source>
        <translation>CSV (,) (*.csv)</translation>
    </message>
    <message>
        <source>Export calls</source>
        <translation>Çağrıları dışa aktar</translation>
    </message>
    <message>
        <source>calls.csv</source>
        <translation>cagrilar.csv</translation>
    </message>
</context>
<context>
    <name>Diagnostics</name>
    <message>
        <source>Session age</source>
        <translation>Oturum süresi</translation>
    </message>
    <message>
        <source>none</source>
        <translation>yok</translation>
    </message>
    <message>
        <source>Microphone permission</source>
        <translation>Mikrofon izni</translation>
    </message>
    <message>
        <source>Softphone loaded</source>
        <translation>Softphone yüklendi</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>evet</translation>
    </message>
    <message>
        <source>no</source>
        <translation>hayır</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Hat</translation>
    </message>
    <message>
        <source>Memory in use (app + web engine)</source>
        <translation>Kullanılan bellek (uygulama + web motoru)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>bilinmiyor</translation>
    </message>
    <message>
        <source>{mib:.0f} MiB</source>
        <translation>{mib:.0f} MiB</translation>
    </message>
    <message>
        <source>Call notifications</source>
        <translation>Çağrı bildirimleri</translation>
    </message>
    <message>
        <source>not listening</source>
        <translation>dinlemiyor</translation>
    </message>
    <message>
        <source>off (Settings)</source>
        <translation>kapalı (Ayarlar)</translation>
    </message>
    <message>
        <source>listening on {url}: {delivered} delivered, {repeated} repeated, {refused} refused</source>
        <translation>{url} dinleniyor: {delivered} iletildi, {repeated} tekrar, {refused} reddedildi</translation>
    </message>
    <message>
        <source>Live calls from CCS</source>
        <translation>CCS'ten canlı çağrılar</translation>
    </message>
    <message>
        <source>not asked (logged out)</source>
        <translation>sorulmuyor (oturum kapalı)</translation>
    </message>
    <message>
        <source>asked every 2 s: {polls} answers, {failures} failed; cards from the page {page}, from CCS {poll}, from the listener {listener}</source>
        <translation>2 sn'de bir soruluyor: {polls} yanıt, {failures} başarısız; kartlar sayfadan {page}, CCS'ten {poll}, dinleyiciden {listener}</translation>
    </message>
    <message>
        <source>API reachable</source>
        <translation>API erişilebilir</translation>
    </message>
    <message>
        <source>not logged in</source>
        <translation>oturum açılmadı</translation>
    </message>
    <message>
        <source>app_token valid</source>
        <translation>app_token geçerli</translation>
    </message>
    <message>
        <source>yes, {ms:.0f} ms</source>
        <translation>evet, {ms:.0f} ms</translation>
    </message>
    <message>
        <source>granted</source>
        <translation>verildi</translation>
    </message>
    <message>
        <source>denied</source>
        <translation>reddedildi</translation>
    </message>
    <message>
        <source>not asked</source>
        <translation>henüz sorulmadı</translation>
    </message>
</context>
<context>
    <name>DiagnosticsDialog</name>
    <message>
        <source>Last softphone load error</source>
        <translation>Softphone'un son yükleme hatası</translation>
    </message>
    <message>
        <source>none</source>
        <translation>yok</translation>
    </message>
    <message>
        <source>{error}, at {time}</source>
        <translation>{error}, {time}</translation>
    </message>
    <message>
        <source>not loaded</source>
        <translation>yüklenmedi</translation>
    </message>
    <message>
        <source>Softphone address</source>
        <translation>Softphone adresi</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Sürümler</translation>
    </message>
    <message>
        <source>ccs-desktop diagnostics</source>
        <translation>ccs-desktop tanılama</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Denetim</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Sonuç</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Tanılama</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>Yeniden çalıştır</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>Raporu kopyala</translation>
    </message>
    <message>
        <source>API reachable</source>
        <translation>API erişilebilir</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>denetleniyor…</translation>
    </message>
</context>
<context>
    <name>DirectoriesDialog</name>
    <message>
        <source>Shared directories</source>
        <translation>Ortak rehberler</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tür</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Öncelik</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Kayıtlar</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Son eşitleme</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
    <message>
        <source>Directories are synced to this computer, so look-ups work offline. Your own contacts come first unless a directory has a lower priority; a CRM look-up is asked only for numbers nobody knows.</source>
        <translation>Rehberler bu bilgisayara eşitlenir, böylece sorgular çevrimdışı da çalışır. Bir rehberin önceliği daha düşük değilse kendi kişileriniz önce gelir; CRM sorgusu yalnızca kimsenin tanımadığı numaralar için sorulur.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Ekle…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Düzenle…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Kaldır</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Bağlantıyı dene</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Şimdi eşitle</translation>
    </message>
    <message>
        <source>LDAP</source>
        <translation>LDAP</translation>
    </message>
    <message>
        <source>CardDAV</source>
        <translation>CardDAV</translation>
    </message>
    <message>
        <source>Directory URL</source>
        <translation>Rehber adresi</translation>
    </message>
    <message>
        <source>CRM look-up</source>
        <translation>CRM sorgusu</translation>
    </message>
    <message>
        <source>asked per unknown number</source>
        <translation>bilinmeyen her numara için sorulur</translation>
    </message>
    <message>
        <source>not synced yet</source>
        <translation>henüz eşitlenmedi</translation>
    </message>
    <message>
        <source>last try {when} failed: {error}</source>
        <translation>{when} tarihli son deneme başarısız: {error}</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Tamam</translation>
    </message>
    <message>
        <source>blocklist · {state}</source>
        <translation>engelleme listesi · {state}</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>kapalı</translation>
    </message>
    <message>
        <source>Sync all now</source>
        <translation>Hepsini şimdi eşitle</translation>
    </message>
    <message>
        <source>Connecting to {name}…</source>
        <translation>{name} kaynağına bağlanılıyor…</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Eşitleniyor…</translation>
    </message>
    <message>
        <source>{name} synced.</source>
        <translation>{name} eşitlendi.</translation>
    </message>
    <message>
        <source>{name}: {error} The last good copy is kept.</source>
        <translation>{name}: {error} Son sağlam kopya korunuyor.</translation>
    </message>
</context>
<context>
    <name>FaultReporter</name>
    <message>
        <source>Something went wrong in {where} ({error}); details are in the log.</source>
        <translation>{where} içinde bir şeyler ters gitti ({error}); ayrıntılar günlükte.</translation>
    </message>
</context>
<context>
    <name>GlobalShortcutFields</name>
    <message>
        <source>Use global shortcuts (they work while another program is in front)</source>
        <translation>Genel kısayolları kullan (önde başka bir program varken de çalışır)</translation>
    </message>
    <message>
        <source>Call the selected or copied number</source>
        <translation>Seçili ya da kopyalanan numarayı ara</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Görüşmeyi kapat</translation>
    </message>
    <message>
        <source>Press the keys; clear to turn this one off.</source>
        <translation>Tuşlara basın; kapatmak için silin.</translation>
    </message>
</context>
<context>
    <name>GlobalShortcuts</name>
    <message>
        <source>call the selected or copied number</source>
        <translation>seçili ya da kopyalanan numarayı ara</translation>
    </message>
    <message>
        <source>hang up</source>
        <translation>görüşmeyi kapat</translation>
    </message>
    <message>
        <source>Asking the desktop…</source>
        <translation>Masaüstüne soruluyor…</translation>
    </message>
    <message>
        <source>Available through the desktop portal</source>
        <translation>Masaüstü portalı üzerinden kullanılabilir</translation>
    </message>
    <message>
        <source>Windows hotkeys</source>
        <translation>Windows kısayol tuşları</translation>
    </message>
    <message>
        <source>Not offered by this desktop</source>
        <translation>Bu masaüstü sunmuyor</translation>
    </message>
    <message>
        <source>Turned off</source>
        <translation>Kapalı</translation>
    </message>
</context>
<context>
    <name>Handoff</name>
    <message>
        <source>Log in first.</source>
        <translation>Önce oturum açın.</translation>
    </message>
    <message>
        <source>The clipboard holds no phone number.</source>
        <translation>Panoda telefon numarası yok.</translation>
    </message>
    <message>
        <source>an unknown number</source>
        <translation>bilinmeyen bir numara</translation>
    </message>
    <message>
        <source>Calling {who}…</source>
        <translation>{who} aranıyor…</translation>
    </message>
    <message>
        <source>unknown request {action}</source>
        <translation>bilinmeyen istek {action}</translation>
    </message>
    <message>
        <source>ccs-desktop is running but not logged in.</source>
        <translation>ccs-desktop çalışıyor ama oturum açık değil.</translation>
    </message>
    <message>
        <source>The same number was dialed less than 2 s ago; not dialed twice.</source>
        <translation>Aynı numara 2 sn'den kısa süre önce arandı; ikinci kez aranmadı.</translation>
    </message>
    <message>
        <source>The agent is on a call and did not place this one.</source>
        <translation>Temsilci görüşmede ve bu aramayı yapmadı.</translation>
    </message>
    <message>
        <source>ccs-desktop is already running (not in demo mode); quit it first to try the demo.</source>
        <translation>ccs-desktop zaten çalışıyor (demo kipinde değil); demoyu denemek için önce ondan çıkın.</translation>
    </message>
    <message>
        <source>ccs-desktop is already running in demo mode; quit it first to use your account.</source>
        <translation>ccs-desktop zaten demo kipinde çalışıyor; kendi hesabınızı kullanmak için önce ondan çıkın.</translation>
    </message>
</context>
<context>
    <name>HourChart</name>
    <message>
        <source>Calls per hour</source>
        <translation>Saat başına çağrı</translation>
    </message>
    <message>
        <source>No calls.</source>
        <translation>Çağrı yok.</translation>
    </message>
    <message>
        <source>Busiest hour {hour}:00: {count}. {total} in all.</source>
        <translation>En yoğun saat {hour}:00: {count}. Toplam {total}.</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n çağrı</numerusform>
        </translation>
    </message>
    <message>
        <source>{hour}:00–{hour}:59: {incoming} in, {outgoing} out</source>
        <translation>{hour}:00–{hour}:59: {incoming} gelen, {outgoing} giden</translation>
    </message>
    <message>
        <source>, {count} of unknown direction</source>
        <translation>, {count} yönü bilinmeyen</translation>
    </message>
</context>
<context>
    <name>InstanceServer</name>
    <message>
        <source>unreadable request</source>
        <translation>okunamayan istek</translation>
    </message>
</context>
<context>
    <name>LineState</name>
    <message>
        <source>Logged out</source>
        <translation>Oturum kapalı</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Bağlanıyor…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Hazır</translation>
    </message>
    <message>
        <source>In a call</source>
        <translation>Görüşmede</translation>
    </message>
    <message>
        <source>Cannot take calls</source>
        <translation>Çağrı alamıyor</translation>
    </message>
</context>
<context>
    <name>ListenerControl</name>
    <message>
        <source>Call notifications are off: {error}</source>
        <translation>Çağrı bildirimleri kapalı: {error}</translation>
    </message>
</context>
<context>
    <name>ListenerFields</name>
    <message>
        <source>Listener address</source>
        <translation>Dinleyici adresi</translation>
    </message>
    <message>
        <source>Listener port</source>
        <translation>Dinleyici bağlantı noktası</translation>
    </message>
    <message>
        <source>Listener public URL</source>
        <translation>Dinleyicinin genel URL'si</translation>
    </message>
    <message>
        <source>https://… if CCS reaches this computer through a proxy (optional)</source>
        <translation>https://… CCS bu bilgisayara bir vekil sunucu üzerinden ulaşıyorsa (isteğe bağlı)</translation>
    </message>
    <message>
        <source>The listener is off.</source>
        <translation>Dinleyici kapalı.</translation>
    </message>
    <message>
        <source>The secret part is hidden; Copy puts the whole URL on the clipboard.</source>
        <translation>Gizli kısım gösterilmez; Kopyala tüm adresi panoya koyar.</translation>
    </message>
    <message>
        <source>Copy URL for CCS</source>
        <translation>CCS için adresi kopyala</translation>
    </message>
    <message>
        <source>port</source>
        <translation>port</translation>
    </message>
    <message>
        <source>The public listener URL must start with http:// or https:// and name a host.</source>
        <translation>Dinleyicinin genel adresi http:// veya https:// ile başlamalı ve bir sunucu adı içermeli.</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopyalandı</translation>
    </message>
</context>
<context>
    <name>LiveCallPoller</name>
    <message>
        <source>CCS's live-call API refuses the session ({reason})</source>
        <translation>CCS'in canlı çağrı API'si oturumu reddediyor ({reason})</translation>
    </message>
</context>
<context>
    <name>LoggedOutPane</name>
    <message>
        <source>You are logged out</source>
        <translation>Oturumunuz kapalı</translation>
    </message>
    <message>
        <source>Log in to take and place calls here: the softphone opens in this pane. You need your company's Call Center Studio address (the tenant), the e-mail you log in to CCS with, and an app_token from your CCS administrator; the login window says where each one comes from.

Your contacts and the call records already on this computer stay available on the right.</source>
        <translation>Burada çağrı almak ve aramak için oturum açın: softphone bu bölmede açılır. Şirketinizin Call Center Studio adresi (firma), CCS'e girdiğiniz e-posta ve CCS yöneticinizden bir app_token gerekir; oturum açma penceresi her birinin nereden geldiğini anlatır.

Kişileriniz ve bu bilgisayardaki çağrı kayıtları sağ tarafta kullanılabilir kalır.</translation>
    </message>
    <message>
        <source>Log in…</source>
        <translation>Oturum aç…</translation>
    </message>
    <message>
        <source>Log in to Call Center Studio</source>
        <translation>Call Center Studio'da oturum aç</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to Call Center Studio</source>
        <translation>Call Center Studio'da oturum aç</translation>
    </message>
    <message>
        <source>Welcome to ccs-desktop. Log in once with these three; the app remembers them.</source>
        <translation>ccs-desktop'a hoş geldiniz. Bu üç bilgiyle bir kez oturum açın; uygulama onları hatırlar.</translation>
    </message>
    <message>
        <source>Where do I find these?</source>
        <translation>Bunları nerede bulurum?</translation>
    </message>
    <message>
        <source>acme, acme.alo-tech.com or https://…</source>
        <translation>acme, acme.alo-tech.com ya da https://…</translation>
    </message>
    <message>
        <source>you@company.com</source>
        <translation>siz@sirket.com</translation>
    </message>
    <message>
        <source>from Administrator › Applications</source>
        <translation>Yönetici › Uygulamalar bölümünden</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-posta</translation>
    </message>
    <message>
        <source>app_token</source>
        <translation>app_token</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Gelişmiş</translation>
    </message>
    <message>
        <source>Softphone build</source>
        <translation>Softphone sürümü</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Bağlantıyı sına</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Oturum aç</translation>
    </message>
    <message>
        <source>Tenant: your company's Call Center Studio address, as in your browser when you use CCS: acme, acme.callcenterstudio.com or acme.alo-tech.com.</source>
        <translation>Firma: şirketinizin Call Center Studio adresi, CCS'i kullanırken tarayıcınızda gördüğünüz gibi: acme, acme.callcenterstudio.com veya acme.alo-tech.com.</translation>
    </message>
    <message>
        <source>E-mail: the e-mail of your own CCS agent account, the one you log in to CCS with.</source>
        <translation>E-posta: kendi CCS temsilci hesabınızın, CCS'e girdiğiniz e-posta adresi.</translation>
    </message>
    <message>
        <source>app_token: a key that lets applications use CCS for your company. Your CCS administrator creates it once: in CCS, Administrator › Applications, + (New Application), then Save; the token shows when the application's row is opened with its edit button. Ask your administrator for it. It is kept in this computer's keyring, never in a file.</source>
        <translation>app_token: uygulamaların şirketiniz adına CCS'i kullanmasını sağlayan bir anahtar. CCS yöneticiniz onu bir kez oluşturur: CCS'te Yönetici › Uygulamalar, + (Yeni Uygulama), ardından Kaydet; anahtar, uygulamanın satırı düzenle düğmesiyle açıldığında görünür. Yöneticinizden isteyin. Bu bilgisayarın anahtarlığında saklanır, hiçbir dosyaya yazılmaz.</translation>
    </message>
    <message>
        <source>Enter the e-mail you log in to CCS with.</source>
        <translation>CCS'te oturum açtığınız e-postayı girin.</translation>
    </message>
    <message>
        <source>Paste the app_token your CCS administrator created.</source>
        <translation>CCS yöneticinizin oluşturduğu app_token'ı yapıştırın.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Bağlanıyor…</translation>
    </message>
    <message>
        <source>Connection works: the app_token and the e-mail were accepted.</source>
        <translation>Bağlantı çalışıyor: app_token ve e-posta kabul edildi.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Number to call (any format)</source>
        <translation>Aranacak numara (herhangi bir biçimde)</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Ara</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Kapat</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Beklet</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kişiler</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Çağrılar</translation>
    </message>
    <message>
        <source>My day</source>
        <translation>Günüm</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Ayarlar…</translation>
    </message>
    <message>
        <source>&amp;Import contacts…</source>
        <translation>Kişileri &amp;içe aktar…</translation>
    </message>
    <message>
        <source>&amp;Export contacts…</source>
        <translation>Kişileri &amp;dışa aktar…</translation>
    </message>
    <message>
        <source>&amp;Diagnostics…</source>
        <translation>&amp;Tanılama…</translation>
    </message>
    <message>
        <source>Reload softphone</source>
        <translation>Softphone'u yeniden yükle</translation>
    </message>
    <message>
        <source>Log &amp;in…</source>
        <translation>Oturum &amp;aç…</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>&amp;Oturumu kapat</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Çı&amp;k</translation>
    </message>
    <message>
        <source>C&amp;all</source>
        <translation>&amp;Arama</translation>
    </message>
    <message>
        <source>&amp;Call</source>
        <translation>&amp;Ara</translation>
    </message>
    <message>
        <source>&amp;Hang up</source>
        <translation>&amp;Kapat</translation>
    </message>
    <message>
        <source>H&amp;old / Resume</source>
        <translation>&amp;Beklet / Sürdür</translation>
    </message>
    <message>
        <source>&amp;Find a contact</source>
        <translation>Kişi &amp;bul</translation>
    </message>
    <message>
        <source>&amp;Number to call</source>
        <translation>Aranacak &amp;numara</translation>
    </message>
    <message>
        <source>Close the &amp;card</source>
        <translation>Ka&amp;rtı kapat</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Yardım</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Klavye kısayolları</translation>
    </message>
    <message>
        <source>Type a number or choose a contact or a call first.</source>
        <translation>Önce bir numara yazın ya da bir kişi veya çağrı seçin.</translation>
    </message>
    <message>
        <source>Softphone</source>
        <translation>Softphone</translation>
    </message>
    <message>
        <source>Number to call</source>
        <translation>Aranacak numara</translation>
    </message>
    <message>
        <source>Contacts and calls</source>
        <translation>Kişiler ve çağrılar</translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>Kişilerde ara</translation>
    </message>
    <message>
        <source>Tenant: {tenant}</source>
        <translation>Firma: {tenant}</translation>
    </message>
    <message>
        <source>Agent: {agent}</source>
        <translation>Temsilci: {agent}</translation>
    </message>
    <message>
        <source>Hang up first: you are on a call.</source>
        <translation>Önce görüşmeyi kapatın: görüşmedesiniz.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Devam et</translation>
    </message>
    <message>
        <source>No session</source>
        <translation>Oturum yok</translation>
    </message>
    <message>
        <source>Session: {age}</source>
        <translation>Oturum: {age}</translation>
    </message>
</context>
<context>
    <name>MyDay</name>
    <message>
        <source>Saved calls cannot be read: {error}</source>
        <translation>Kayıtlı çağrılar okunamıyor: {error}</translation>
    </message>
</context>
<context>
    <name>MyDayView</name>
    <message>
        <source>My day</source>
        <translation>Günüm</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;Bugün</translation>
    </message>
    <message>
        <source>This &amp;week</source>
        <translation>Bu &amp;hafta</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Yenile</translation>
    </message>
    <message>
        <source>Refresh my day</source>
        <translation>Günümü yenile</translation>
    </message>
    <message>
        <source>Period shown</source>
        <translation>Gösterilen dönem</translation>
    </message>
    <message>
        <source>Calls per hour:</source>
        <translation>Saat başına çağrı:</translation>
    </message>
    <message>
        <source>incoming</source>
        <translation>gelen</translation>
    </message>
    <message>
        <source>outgoing</source>
        <translation>giden</translation>
    </message>
    <message>
        <source>direction unknown</source>
        <translation>yönü bilinmeyen</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Cevaplanan</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Cevapsız</translation>
    </message>
    <message>
        <source>Talk time</source>
        <translation>Konuşma süresi</translation>
    </message>
    <message>
        <source>Average wait</source>
        <translation>Ortalama bekleme</translation>
    </message>
    <message>
        <source>Call-backs done</source>
        <translation>Yapılan geri aramalar</translation>
    </message>
    <message>
        <source>Pauses (CCS)</source>
        <translation>Molalar (CCS)</translation>
    </message>
    <message>
        <source>Where the figures come from</source>
        <translation>Rakamların kaynağı</translation>
    </message>
    <message>
        <source>Log in to see your day.</source>
        <translation>Gününüzü görmek için oturum açın.</translation>
    </message>
    <message>
        <source>{first} – {last}</source>
        <translation>{first} – {last}</translation>
    </message>
    <message numerus="yes">
        <source>%n outgoing not answered</source>
        <translation>
            <numerusform>%n giden çağrı cevaplanmadı</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>over %n answered incoming call(s)</source>
        <translation>
            <numerusform>cevaplanan %n gelen çağrı üzerinden</numerusform>
        </translation>
    </message>
    <message>
        <source>Counted from the calls saved on this computer.</source>
        <translation>Bu bilgisayarda kayıtlı çağrılardan sayıldı.</translation>
    </message>
    <message>
        <source>Counted from the calls saved on this computer; part of this period has not been fetched from CCS yet (open it in the Calls tab).</source>
        <translation>Bu bilgisayarda kayıtlı çağrılardan sayıldı; bu dönemin bir kısmı henüz CCS'ten alınmadı (Çağrılar sekmesinde açın).</translation>
    </message>
    <message>
        <source>{saved} CCS's own figures could not be fetched: {error}</source>
        <translation>{saved} CCS'in kendi rakamları alınamadı: {error}</translation>
    </message>
    <message>
        <source>CCS's report could not be fetched.</source>
        <translation>CCS'in raporu alınamadı.</translation>
    </message>
    <message>
        <source>{saved} Log in to compare with CCS's own figures.</source>
        <translation>{saved} CCS'in kendi rakamlarıyla karşılaştırmak için oturum açın.</translation>
    </message>
    <message>
        <source>Reported by CCS only.</source>
        <translation>Yalnızca CCS bildirir.</translation>
    </message>
    <message>
        <source>{saved} CCS has no report for you in this period.</source>
        <translation>{saved} CCS'te bu dönem için size ait bir rapor yok.</translation>
    </message>
    <message>
        <source>Not reported by CCS.</source>
        <translation>CCS bildirmiyor.</translation>
    </message>
    <message>
        <source>{saved} Asking CCS for its own figures…</source>
        <translation>{saved} CCS'ten kendi rakamları isteniyor…</translation>
    </message>
    <message>
        <source>CCS counts every call it recorded for you, also those taken on another computer or phone, and those this computer has not fetched yet (open the period in Calls, or Refresh). The saved calls are only what this computer has fetched.</source>
        <translation>CCS sizin için kaydettiği her çağrıyı sayar; başka bir bilgisayarda ya da telefonda yapılanları ve bu bilgisayarın henüz almadıklarını da (dönemi Çağrılar'da açın ya da Yenile'ye basın). Kayıtlı çağrılar yalnızca bu bilgisayarın aldıklarıdır.</translation>
    </message>
    <message>
        <source>CCS: {ccs} answered (saved: {saved})</source>
        <translation>CCS: {ccs} cevaplanan (kayıtlı: {saved})</translation>
    </message>
    <message>
        <source>CCS agrees: {ccs} answered</source>
        <translation>CCS de aynı: {ccs} cevaplanan</translation>
    </message>
    <message>
        <source>CCS: {ccs} not answered, either way (saved: {saved})</source>
        <translation>CCS: gelen ve giden {ccs} cevapsız (kayıtlı: {saved})</translation>
    </message>
    <message>
        <source>CCS agrees: {ccs} not answered, either way</source>
        <translation>CCS de aynı: gelen ve giden {ccs} cevapsız</translation>
    </message>
    <message>
        <source>CCS: {ccs} talk time (saved: {saved})</source>
        <translation>CCS: {ccs} konuşma süresi (kayıtlı: {saved})</translation>
    </message>
    <message>
        <source>CCS agrees: {ccs} talk time</source>
        <translation>CCS de aynı: {ccs} konuşma süresi</translation>
    </message>
    <message>
        <source>CCS does not report it.</source>
        <translation>CCS bunu bildirmiyor.</translation>
    </message>
    <message numerus="yes">
        <source>%n pause(s)</source>
        <translation>
            <numerusform>%n mola</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{saved} {marker} CCS counts differently in %n figure(s): see the marked ones.</source>
        <translation>
            <numerusform>{saved} {marker} CCS %n rakamı farklı sayıyor: işaretli olanlara bakın.</numerusform>
        </translation>
    </message>
    <message>
        <source>{saved} CCS's own figures agree.</source>
        <translation>{saved} CCS'in kendi rakamları da aynı.</translation>
    </message>
</context>
<context>
    <name>NumberPopup</name>
    <message>
        <source>Pinned during the call</source>
        <translation>Çağrı süresince sabit</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Ara</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Aç</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>Kişi ekle</translation>
    </message>
    <message>
        <source>Open in CRM</source>
        <translation>CRM'de aç</translation>
    </message>
    <message>
        <source>Call this number</source>
        <translation>Bu numarayı ara</translation>
    </message>
    <message>
        <source>Open the contact</source>
        <translation>Kişiyi aç</translation>
    </message>
    <message>
        <source>Close the card</source>
        <translation>Kartı kapat</translation>
    </message>
    <message>
        <source>Unknown number</source>
        <translation>Bilinmeyen numara</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>Gelen çağrı</translation>
    </message>
    <message>
        <source>{title} · queue {queue}</source>
        <translation>{title} · {queue} kuyruğu</translation>
    </message>
    <message>
        <source>Hidden number</source>
        <translation>Gizli numara</translation>
    </message>
    <message>
        <source>Unknown caller</source>
        <translation>Bilinmeyen arayan</translation>
    </message>
    <message>
        <source>No calls with this number yet</source>
        <translation>Bu numarayla henüz çağrı yok</translation>
    </message>
</context>
<context>
    <name>PageNotifications</name>
    <message>
        <source>Softphone</source>
        <translation>Softphone</translation>
    </message>
</context>
<context>
    <name>PhoneLinksRow</name>
    <message>
        <source>Checking which app opens phone links…</source>
        <translation>Telefon bağlantılarını hangi uygulamanın açtığı denetleniyor…</translation>
    </message>
    <message>
        <source>Make ccs-desktop the handler for phone links</source>
        <translation>Telefon bağlantıları için ccs-desktop'ı varsayılan yap</translation>
    </message>
    <message>
        <source>Registering ccs-desktop for tel:, callto: and sip: links…</source>
        <translation>ccs-desktop, tel:, callto: ve sip: bağlantıları için kaydediliyor…</translation>
    </message>
    <message>
        <source>ccs-desktop opens phone links (tel:, callto:, sip:).</source>
        <translation>Telefon bağlantılarını (tel:, callto:, sip:) ccs-desktop açıyor.</translation>
    </message>
    <message>
        <source>Phone links (tel:) open in another app: {app}.</source>
        <translation>Telefon bağlantıları (tel:) başka bir uygulamada açılıyor: {app}.</translation>
    </message>
    <message>
        <source>No app is set to open phone links (tel:).</source>
        <translation>Telefon bağlantılarını (tel:) açmak için ayarlanmış bir uygulama yok.</translation>
    </message>
</context>
<context>
    <name>QuitGuard</name>
    <message>
        <source>A call is in progress</source>
        <translation>Süren bir görüşme var</translation>
    </message>
    <message>
        <source>You are on a call. Quitting now would leave the call hanging on Call Center Studio.</source>
        <translation>Görüşmedesiniz. Şimdi çıkarsanız görüşme Call Center Studio'da askıda kalır.</translation>
    </message>
    <message>
        <source>Hang up and quit, or stay on the call?</source>
        <translation>Görüşmeyi kapatıp çıkılsın mı, yoksa görüşmede mi kalınsın?</translation>
    </message>
    <message>
        <source>Hang up and quit</source>
        <translation>Kapat ve çık</translation>
    </message>
    <message>
        <source>Stay on the call</source>
        <translation>Görüşmede kal</translation>
    </message>
    <message>
        <source>Could not hang up, so ccs-desktop stays open: {error}</source>
        <translation>Görüşme kapatılamadı, bu yüzden ccs-desktop açık kalıyor: {error}</translation>
    </message>
</context>
<context>
    <name>RecoveryBanner</name>
    <message>
        <source>Retry now</source>
        <translation>Şimdi yeniden dene</translation>
    </message>
    <message>
        <source>{problem}. Next try at {time}.</source>
        <translation>{problem}. Sonraki deneme: {time}.</translation>
    </message>
    <message>
        <source>{problem}. Trying again…</source>
        <translation>{problem}. Yeniden deneniyor…</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>demo (built-in simulator)</source>
        <translation>demo (yerleşik simülatör)</translation>
    </message>
    <message>
        <source>Hang up before logging out: logging out would drop the call.</source>
        <translation>Oturumu kapatmadan önce görüşmeyi kapatın: oturumu kapatmak görüşmeyi düşürür.</translation>
    </message>
    <message>
        <source>The softphone stopped during a call. The call may still be up on CCS: use Hang up to end it; the softphone comes back after.</source>
        <translation>Softphone görüşme sırasında durdu. Görüşme CCS'te hâlâ sürüyor olabilir: bitirmek için Kapat'ı kullanın; softphone ardından geri gelir.</translation>
    </message>
    <message>
        <source>The softphone is not reloaded during a call; it will be after the call.</source>
        <translation>Softphone görüşme sırasında yeniden yüklenmez; görüşme bitince yüklenecek.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>National (as dialled at home)</source>
        <translation>Ulusal (yurt içinde arandığı gibi)</translation>
    </message>
    <message>
        <source>International (E.164, with +)</source>
        <translation>Uluslararası (E.164, + ile)</translation>
    </message>
    <message>
        <source>International, digits only</source>
        <translation>Uluslararası, yalnız rakam</translation>
    </message>
    <message>
        <source>ccs-desktop settings</source>
        <translation>ccs-desktop ayarları</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Sistem dili</translation>
    </message>
    <message>
        <source>Takes effect when ccs-desktop starts again.</source>
        <translation>ccs-desktop yeniden başlayınca geçerli olur.</translation>
    </message>
    <message>
        <source>this computer's (e.g. +03:00)</source>
        <translation>bu bilgisayarınki (örneğin +03:00)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>yok</translation>
    </message>
    <message>
        <source>Ask before calling tel:/callto:/sip: links from other apps</source>
        <translation>Başka uygulamalardan gelen tel:/callto:/sip: bağlantılarını aramadan önce sor</translation>
    </message>
    <message>
        <source>Look up phone numbers I copy</source>
        <translation>Kopyaladığım telefon numaralarını rehberde sorgula</translation>
    </message>
    <message>
        <source>Keep caller cards above full-screen apps</source>
        <translation>Arayan kartlarını tam ekran uygulamaların üstünde tut</translation>
    </message>
    <message>
        <source>On Linux (X11) the card then bypasses the window manager, so a full-screen window cannot cover it. On Windows and macOS cards already stay above full-screen apps in most cases.</source>
        <translation>Linux'ta (X11) kart bu durumda pencere yöneticisini atlar, böylece tam ekran bir pencere onu örtemez. Windows ve macOS'te kartlar çoğu durumda zaten tam ekran uygulamaların üstünde kalır.</translation>
    </message>
    <message>
        <source>Also receive the IVR's call requests (optional)</source>
        <translation>IVR'ın çağrı isteklerini de al (isteğe bağlı)</translation>
    </message>
    <message>
        <source>Caller cards pop without it: the app hears of incoming calls from the softphone page and from CCS's live calls. The listener is for hang-up reports of the calls you place, and for centres whose IVR can reach this computer.</source>
        <translation>Arayan kartları bu olmadan da açılır: uygulama gelen çağrıları softphone sayfasından ve CCS'in canlı çağrılarından öğrenir. Dinleyici, yaptığınız çağrıların kapanma bildirimleri ve IVR'ı bu bilgisayara ulaşabilen merkezler içindir.</translation>
    </message>
    <message>
        <source>Start minimized to the tray</source>
        <translation>Sistem tepsisinde küçültülmüş başlat</translation>
    </message>
    <message>
        <source>Start when I log in to this computer</source>
        <translation>Bu bilgisayarda oturum açtığımda başlat</translation>
    </message>
    <message>
        <source>none (e.g. https://crm.example/search?phone={e164})</source>
        <translation>yok (ör. https://crm.example/search?phone={e164})</translation>
    </message>
    <message>
        <source>Placeholders: {number} (as dialled), {e164}, {national}, {callkey}, {agent}, {queue}.</source>
        <translation>Yer tutucular: {number} (arandığı biçimde), {e164}, {national}, {callkey}, {agent}, {queue}.</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Hiçbir zaman</translation>
    </message>
    <message>
        <source>When an inbound call rings</source>
        <translation>Gelen çağrı çaldığında</translation>
    </message>
    <message>
        <source>When an inbound call is answered</source>
        <translation>Gelen çağrı cevaplandığında</translation>
    </message>
    <message>
        <source> s</source>
        <translation> sn</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Kapalı</translation>
    </message>
    <message>
        <source>After-call work seconds</source>
        <translation>Çağrı sonrası iş süresi (saniye)</translation>
    </message>
    <message>
        <source>After-call work for this many seconds after each call, then Available; 0: off.</source>
        <translation>Her çağrıdan sonra bu kadar saniye çağrı sonrası iş, ardından Müsait; 0: kapalı.</translation>
    </message>
    <message>
        <source>Set Back office when I quit or log out</source>
        <translation>Çıkarken veya oturumu kapatırken Arka ofis yap</translation>
    </message>
    <message>
        <source>Language (after a restart)</source>
        <translation>Dil (yeniden başlatınca)</translation>
    </message>
    <message>
        <source>Default region</source>
        <translation>Varsayılan bölge</translation>
    </message>
    <message>
        <source>Dial format</source>
        <translation>Arama biçimi</translation>
    </message>
    <message>
        <source>Outside-line prefix</source>
        <translation>Dış hat ön eki</translation>
    </message>
    <message>
        <source>As dialed</source>
        <translation>Aranacak hali</translation>
    </message>
    <message>
        <source>Softphone URL</source>
        <translation>Softphone URL'si</translation>
    </message>
    <message>
        <source>Softphone build</source>
        <translation>Softphone sürümü</translation>
    </message>
    <message>
        <source>Tenant time zone</source>
        <translation>Firma saat dilimi</translation>
    </message>
    <message>
        <source>CRM record URL</source>
        <translation>CRM kaydı URL'si</translation>
    </message>
    <message>
        <source>Open the CRM record by itself</source>
        <translation>CRM kaydını kendiliğinden aç</translation>
    </message>
    <message>
        <source>After-call work, then Available</source>
        <translation>Çağrı sonrası iş, ardından Müsait</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Bildirimler</translation>
    </message>
    <message>
        <source>Phone links</source>
        <translation>Telefon bağlantıları</translation>
    </message>
    <message>
        <source>Global shortcuts</source>
        <translation>Genel kısayollar</translation>
    </message>
    <message>
        <source>Directories…</source>
        <translation>Rehberler…</translation>
    </message>
    <message>
        <source>LDAP / Active Directory, CardDAV, a directory URL, a CRM look-up</source>
        <translation>LDAP / Active Directory, CardDAV, rehber adresi, CRM sorgusu</translation>
    </message>
    <message>
        <source>Shared directories</source>
        <translation>Ortak rehberler</translation>
    </message>
</context>
<context>
    <name>ShortcutsSheet</name>
    <message>
        <source> or </source>
        <translation> ya da </translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Klavye kısayolları</translation>
    </message>
    <message>
        <source>Anywhere: {what}</source>
        <translation>Her yerde: {what}</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>İşlem</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tuşlar</translation>
    </message>
</context>
<context>
    <name>SoftphonePage</name>
    <message>
        <source>the softphone page stopped unexpectedly (exit code {code})</source>
        <translation>softphone sayfası beklenmedik biçimde durdu (çıkış kodu {code})</translation>
    </message>
    <message>
        <source>the softphone page crashed (exit code {code})</source>
        <translation>softphone sayfası çöktü (çıkış kodu {code})</translation>
    </message>
    <message>
        <source>the softphone page was killed (out of memory, or by another program)</source>
        <translation>softphone sayfası sonlandırıldı (bellek yetmedi ya da başka bir program kapattı)</translation>
    </message>
    <message>
        <source>host not found</source>
        <translation>sunucu bulunamadı</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>bağlantı reddedildi</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>zamanında yanıt yok</translation>
    </message>
    <message>
        <source>address unreachable</source>
        <translation>adrese ulaşılamıyor</translation>
    </message>
    <message>
        <source>no network connection</source>
        <translation>ağ bağlantısı yok</translation>
    </message>
    <message>
        <source>the network changed</source>
        <translation>ağ değişti</translation>
    </message>
    <message>
        <source>the connection was cut</source>
        <translation>bağlantı kesildi</translation>
    </message>
    <message>
        <source>the proxy refused it</source>
        <translation>vekil sunucu (proxy) reddetti</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>engellendi</translation>
    </message>
    <message>
        <source>blocked by the administrator</source>
        <translation>yönetici tarafından engellendi</translation>
    </message>
    <message>
        <source>port not allowed</source>
        <translation>bu bağlantı noktasına izin verilmiyor</translation>
    </message>
    <message>
        <source>its certificate is not trusted</source>
        <translation>sertifikasına güvenilmiyor</translation>
    </message>
    <message>
        <source>connection failed</source>
        <translation>bağlantı kurulamadı</translation>
    </message>
    <message>
        <source>the softphone at {host} answered HTTP {status}</source>
        <translation>{host} adresindeki softphone HTTP {status} yanıtı verdi</translation>
    </message>
    <message>
        <source>the softphone at {host} cannot be reached: {problem}</source>
        <translation>{host} adresindeki softphone'a ulaşılamıyor: {problem}</translation>
    </message>
    <message>
        <source>the softphone page stopped ({status}, exit code {code})</source>
        <translation>softphone sayfası durdu ({status}, çıkış kodu {code})</translation>
    </message>
    <message>
        <source>the softphone page was discarded</source>
        <translation>softphone sayfası bellekten atıldı</translation>
    </message>
</context>
<context>
    <name>SourceDialog</name>
    <message>
        <source>Edit directory</source>
        <translation>Rehberi düzenle</translation>
    </message>
    <message>
        <source>Add directory</source>
        <translation>Rehber ekle</translation>
    </message>
    <message>
        <source>LDAP / Active Directory</source>
        <translation>LDAP / Active Directory</translation>
    </message>
    <message>
        <source>CardDAV (Nextcloud, Radicale, SOGo...)</source>
        <translation>CardDAV (Nextcloud, Radicale, SOGo...)</translation>
    </message>
    <message>
        <source>Directory file URL (MicroSIP format)</source>
        <translation>Rehber dosyası adresi (MicroSIP biçimi)</translation>
    </message>
    <message>
        <source>CRM look-up URL</source>
        <translation>CRM sorgu adresi</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>değişmedi</translation>
    </message>
    <message>
        <source>none</source>
        <translation>yok</translation>
    </message>
    <message>
        <source>none (e.g. X-Api-Key)</source>
        <translation>yok (ör. X-Api-Key)</translation>
    </message>
    <message>
        <source>name (e.g. data.0.name)</source>
        <translation>name (ör. data.0.name)</translation>
    </message>
    <message>
        <source>company</source>
        <translation>company</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source> min</source>
        <translation> dk</translation>
    </message>
    <message>
        <source>Lower comes first; your local contacts are 0.</source>
        <translation>Küçük olan önce gelir; yerel kişileriniz 0'dır.</translation>
    </message>
    <message>
        <source>Blocklist: its numbers show as blocked / spam</source>
        <translation>Engelleme listesi: numaraları engelli / spam olarak gösterilir</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Açık</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tür</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>User / bind DN</source>
        <translation>Kullanıcı / bağlanma DN'i</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Parola</translation>
    </message>
    <message>
        <source>Base DN</source>
        <translation>Temel DN</translation>
    </message>
    <message>
        <source>LDAP filter</source>
        <translation>LDAP filtresi</translation>
    </message>
    <message>
        <source>Secret header</source>
        <translation>Gizli anahtar başlığı</translation>
    </message>
    <message>
        <source>Name key</source>
        <translation>Ad anahtarı</translation>
    </message>
    <message>
        <source>Company key</source>
        <translation>Firma anahtarı</translation>
    </message>
    <message>
        <source>Record URL key</source>
        <translation>Kayıt adresi anahtarı</translation>
    </message>
    <message>
        <source>Keep answers</source>
        <translation>Yanıtları sakla</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Öncelik</translation>
    </message>
    <message>
        <source>Sync every</source>
        <translation>Eşitleme aralığı</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Bağlantıyı dene</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Bağlanılıyor…</translation>
    </message>
</context>
<context>
    <name>Supervisor</name>
    <message>
        <source>logging in</source>
        <translation>oturum açılıyor</translation>
    </message>
    <message>
        <source>the softphone page did not load</source>
        <translation>softphone sayfası yüklenmedi</translation>
    </message>
    <message>
        <source>session rejected</source>
        <translation>oturum reddedildi</translation>
    </message>
    <message>
        <source>the softphone asked for a login ({reason})</source>
        <translation>softphone oturum açılmasını istedi ({reason})</translation>
    </message>
    <message>
        <source>the softphone stopped ({reason})</source>
        <translation>softphone durdu ({reason})</translation>
    </message>
    <message>
        <source>the network came back</source>
        <translation>ağ geri geldi</translation>
    </message>
    <message>
        <source>the network is down</source>
        <translation>ağ bağlantısı yok</translation>
    </message>
    <message>
        <source>CCS refused the session ({reason})</source>
        <translation>CCS oturumu reddetti ({reason})</translation>
    </message>
    <message>
        <source>{problem}; waiting for the call to end</source>
        <translation>{problem}; görüşmenin bitmesi bekleniyor</translation>
    </message>
    <message>
        <source>{problem}; logging in</source>
        <translation>{problem}; oturum açılıyor</translation>
    </message>
    <message>
        <source>{problem}; next try at {time}</source>
        <translation>{problem}; sonraki deneme: {time}</translation>
    </message>
    <message>
        <source>the softphone says it is disconnected</source>
        <translation>softphone bağlantısının kesildiğini bildiriyor</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>beklemede</translation>
    </message>
    <message>
        <source>loading the softphone</source>
        <translation>softphone yükleniyor</translation>
    </message>
    <message>
        <source>the computer woke from sleep</source>
        <translation>bilgisayar uykudan uyandı</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>logged out</source>
        <translation>oturum kapalı</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>bağlanıyor…</translation>
    </message>
    <message>
        <source>ready for calls</source>
        <translation>çağrılara hazır</translation>
    </message>
    <message>
        <source>in a call</source>
        <translation>görüşmede</translation>
    </message>
    <message>
        <source>cannot take calls</source>
        <translation>çağrı alamıyor</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Göster</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Kapat</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Beklet</translation>
    </message>
    <message>
        <source>Call number from clipboard</source>
        <translation>Panodaki numarayı ara</translation>
    </message>
    <message>
        <source>Recent calls</source>
        <translation>Son aramalar</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
    <message>
        <source>Pause clipboard lookup</source>
        <translation>Pano numara sorgusunu duraklat</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Ayarlar…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Çık</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Devam et</translation>
    </message>
    <message numerus="yes">
        <source>%n missed call(s) not returned</source>
        <translation>
            <numerusform>Geri dönülmemiş %n cevapsız çağrı</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>Undo</source>
        <translation>Geri al</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>Silmeyi geri al</translation>
    </message>
    <message>
        <source>Contact deleted: {name}</source>
        <translation>Kişi silindi: {name}</translation>
    </message>
</context>
<context>
    <name>UriPrompt</name>
    <message>
        <source>Call this number?</source>
        <translation>Bu numara aransın mı?</translation>
    </message>
    <message>
        <source>Call {who} at {number}?</source>
        <translation>{who}, {number} numarasından aransın mı?</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Ara</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation>kullanım: </translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>konumsal argümanlar</translation>
    </message>
    <message>
        <source>options</source>
        <translation>seçenekler</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>bu yardım iletisini göster ve çık</translation>
    </message>
    <message>
        <source>show program's version number and exit</source>
        <translation>programın sürüm numarasını göster ve çık</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s: hata: %(message)s
</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>şu argümanlar gerekli: %s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>tanınmayan argümanlar: %s</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>geçersiz seçim: %(value)r (şunlardan birini seçin: %(choices)s)</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>%(argument_name)s argümanı: %(message)s</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>bir argüman bekleniyordu</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>geçersiz %(type)s değeri: %(value)r</translation>
    </message>
</context>
</TS>