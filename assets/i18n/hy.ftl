# Dossier: the interface in hy. Keys are shared by all three files; tests keep them complete.
# TLP labels (TLP:RED, TLP:AMBER...) stay in English in every language, as TLP asks.

## Menus

menu-file = Ֆայլ
menu-new-catalogue = Նոր կատալոգ...
menu-open = Բացել...
menu-open-recent = Վերջին բացվածները
menu-no-recent = Վերջերս բացված կատալոգներ չկան
menu-import = Ներմուծել ֆայլեր...
menu-export-csv = Արտահանել ցանկը CSV-ով...
menu-verify = Ստուգել կատալոգի ամբողջականությունը
menu-relink = Գտնել բացակայող բնօրինակները...
menu-sync = Համաժամեցնել...
menu-close = Փակել կատալոգը
menu-quit = Ելք
menu-edit = Խմբագրել
menu-undo = Հետարկել
menu-undo-what = Հետարկել՝ { $what }
menu-redo = Վերադարձնել
menu-redo-what = Վերադարձնել՝ { $what }
menu-new-record = Նոր գրառում
menu-save-now = Պահպանել հիմա
menu-move-to-trash = Տեղափոխել աղբարկղ
menu-preferences = Կարգավորումներ...
menu-view = Տեսք
menu-records = Գրառումներ
menu-trash = Աղբարկղ
menu-problems = Խնդիրներ ({ $count })
menu-audit-log = Աուդիտի մատյան
menu-search = Որոնում
menu-clear-filters = Մաքրել զտիչները
menu-columns = Սյունակներ
menu-reset-layout = Վերականգնել դասավորությունը
menu-language = Լեզու
menu-hide-graphic = Ամբողջովին թաքցնել ցնցող պատկերների նախադիտումները
menu-sharing = Տրամադրում
menu-review-queue = Ստուգման հերթ ({ $count })
menu-share = Տրամադրել ստացողին...
menu-recipients = Ստացողներ...
menu-sharing-log = Տրամադրումների մատյան
menu-receive = Ստանալ փաթեթ...
menu-help = Օգնություն
menu-shortcuts = Ստեղնաշարի դյուրանցումներ
menu-about = Dossier-ի մասին

## The main window: toolbar, status bar, record list

toolbar-new-record-hint = Ctrl+N-ը ստեղծում է ձախում ցուցադրված տեսակի գրառում
toolbar-import = Ներմուծել ֆայլեր...
toolbar-import-hint = Կամ քաշեք ֆայլերը պատուհանի վրա
toolbar-trash-hint = Delete ստեղնը. աղբարկղից կարելի է վերականգնել
toolbar-search-hint = Որոնում (Ctrl+F)
toolbar-clear = Մաքրել
toolbar-clear-hint = Մաքրել որոնումը
banner-verified-days = Այս կատալոգը վերջին անգամ ստուգվել է { $days } օր առաջ։ Ստուգումը նորից համեմատում է յուրաքանչյուր բնօրինակ և աուդիտի մատյանը։
banner-never-verified = Այս կատալոգը չի ստուգվել մատյանի սկսվելուց ի վեր՝ { $days } օր։ Ստուգումը նորից համեմատում է յուրաքանչյուր բնօրինակ և աուդիտի մատյանը։
banner-verify-now = Ստուգել հիմա
banner-dismiss = Փակել
status-saving = Պահպանվում է...
status-not-saved = Չի պահպանվել՝ { $error }
status-editing = Խմբագրվում է...
status-saved = Պահպանված է
status-no-catalogue = Կատալոգ բացված չէ
status-folder-hint = Կատալոգի թղթապանակը
status-records = { $count } գրառում
status-shown = Ցուցադրված է { $shown }-ը { $total } գրառումից
status-read-only = Միայն ընթերցման
status-unreadable = { $count } ֆայլ հնարավոր չեղավ կարդալ
status-retry = Կրկնել
status-undo = Հետարկել
status-undo-hint = Հետարկել այս փոփոխությունը (Ctrl+Z). հետարկումն էլ է պահպանվում և գրանցվում մատյանում
list-count = { $count } գրառում
list-last-changed-first = · վերջին փոփոխվածները՝ առաջինը
list-sorted-by = · ըստ «{ $column }» ({ $way })
list-ascending = աճման կարգով
list-descending = նվազման կարգով
list-default-order = Վերջին փոփոխվածները՝ առաջինը
list-default-order-hint = Վերադառնալ սկզբնական կարգին՝ վերջերս փոփոխված գրառումները վերևում
list-sort-hint = Դասավորել ըստ «{ $column }»-ի. աջ սեղմումով ընտրեք սյունակները
list-always-shown = Միշտ ցուցադրվում է
list-graphic = ցնցող
list-graphic-hint = Նշված է՝ դաժան բռնության տեսարաններ
list-basis-hint = Ապացույցի հիմքը՝ { $basis }
list-empty-heading = Այս կատալոգում դեռ գրառումներ չկան
list-empty-text = Ստեղծեք գրառում «Նոր գրառում» կոճակով (Ctrl+N) կամ քաշեք ֆայլերը պատուհանի վրա՝ ներմուծելու համար։
list-no-match-heading = Համապատասխան գրառումներ չկան
list-no-match-text = Փոխեք որոնումը կամ ձախում գտնվող զտիչները։
column-label = Պիտակ
column-kind = Տեսակ
column-title = Վերնագիր
column-status = Կարգավիճակ
column-date = Ամսաթիվ
column-verification = Ստուգում
column-files = Ֆայլեր
bulk-chosen = Ընտրված է՝ { $count }
bulk-label = Պիտակ...
bulk-add-tag = Ավելացնել պիտակ-բառ...
bulk-tag-hint = Պիտակ-բառ
bulk-tag-field = Պիտակ-բառ ընտրված գրառումների համար
bulk-add = Ավելացնել
bulk-submit = Ուղարկել ստուգման
bulk-trash = Տեղափոխել աղբարկղ
bulk-export = Արտահանել CSV-ով...
bulk-clear = Չեղարկել ընտրությունը
bulk-clear-hint = Escape, կամ սովորական սեղմում տողի վրա

## Welcome and Preferences

welcome-heading = Բարի գալուստ Dossier
welcome-text = Dossier-ը պահում է ապացույցները անվտանգ և անցանց, և գրանցում, թե ով ինչ է փոխել։ Մուտքագրեք ձեր անունը այնպես, ինչպես գործընկերները պետք է տեսնեն այն ձեր փոփոխությունների վրա։
welcome-language = Լեզու
welcome-name = Ձեր անունը
welcome-name-hint = օր.՝ Անահիտ Պետրոսյան
welcome-sample = Կբացվի օրինակ կատալոգի պատճենը, որպեսզի ծանոթանաք. այն ձերն է, կարող եք փոխել։
welcome-continue = Շարունակել
prefs-heading = Կարգավորումներ
prefs-name-hint = Գրանցվում է ձեր յուրաքանչյուր փոփոխության հետ՝ այսուհետ։
prefs-remind = Հիշեցնել ստուգման մասին (օրից հետո)
prefs-remind-error = Օրերի ամբողջ թիվ՝ 1 կամ ավելի։
prefs-this-catalogue = Այս կատալոգը
prefs-two-people = Յուրաքանչյուր հաստատման համար՝ երկու մարդ
prefs-two-people-hint = Ով գրառումն ուղարկում է ստուգման, չի կարող այն հաստատել։ Անջատեք միայն մեկ հոգանոց գրասենյակում. փոփոխությունը գրանցվում է մատյանում։
prefs-save = Պահպանել
prefs-cancel = Չեղարկել

## The words of the catalogue (kinds, statuses, review, verification...)

kind-report = Զեկույց
kind-statement = Հայտարարություն
kind-media = Մեդիա
kind-person = Անձ
kind-incident = Միջադեպ
kinds-report = Զեկույցներ
kinds-statement = Հայտարարություններ
kinds-media = Մեդիա
kinds-person = Անձինք
kinds-incident = Միջադեպեր
warning-graphic-violence = Դաժան բռնություն
warning-identifiable-victim = Ճանաչելի տուժող
warning-minor = Անչափահաս
warning-personal-data = Անձնական տվյալներ
verification-unverified = Չստուգված
verification-being-verified = Ստուգվում է
verification-verified = Ստուգված
verification-disputed = Վիճելի
review-draft = Սևագիր
review-in-review = Ստուգման մեջ
review-approved = Հաստատված
review-changes-requested = Պահանջվում են փոփոխություններ
status-missing = Անհետ կորած
status-captured = Գերեվարված
status-returned = Վերադարձված
status-died-in-custody = Մահացել է գերության մեջ
status-killed = Սպանված
status-injured = Վիրավոր
status-found-alive = Գտնվել է ողջ
status-remains-identified = Աճյունը նույնականացված է
basis-acknowledged = Ճանաչված է պահող պետության կողմից
basis-not-acknowledged = Պահվում է (հաստատուն ապացույց), չճանաչված
basis-indirect = Միայն անուղղակի տեղեկություն
sex-female = Իգական
sex-male = Արական
category-civilian = Քաղաքացիական
category-serviceman = Զինծառայող
label-meaning-clear = հրապարակային
label-meaning-green = համայնք
label-meaning-amber = անհրաժեշտության դեպքում
label-meaning-amber-strict = միայն ստացող կազմակերպությունը
label-meaning-red = միայն անվանված անձինք
label-means-clear = Հրապարակային. կարելի է տարածել առանց սահմանափակման։
label-means-green = Ստացողի համայնքը, ոչ հրապարակային ալիքները։
label-means-amber = Անվանված կազմակերպությունները և նրանց աշխատակիցները, ում դա անհրաժեշտ է։
label-means-amber-strict = Միայն ստացող կազմակերպությունը։
label-means-red = Միայն անվանված անձինք. այն երբեք դուրս չի գալիս սենյակից։

## The left panel: places, filters and saved views

facets-clear = Մաքրել զտիչները
facets-review-queue = Ստուգման հերթ ({ $count })
facets-review-queue-reading = Ստուգման հերթ (…)
facets-statistics = Վիճակագրություն
facets-statistics-hint = Քանակներ և շաբաթական գրաֆիկ ընթացիկ ցանկի համար
facets-duplicates-count = Հնարավոր կրկնօրինակներ ({ $count })
facets-duplicates = Հնարավոր կրկնօրինակներ
facets-trash = Աղբարկղ ({ $count })
facets-conflicts = Հակասություններ ({ $count })
facets-all = Բոլոր գրառումները ({ $count })
facets-kind-count = { $kind } ({ $count })
facet-status = Կարգավիճակ
facet-basis = Ապացույցի հիմքը
facet-category = Քաղաքացիական կամ զինծառայող
facet-label = Պիտակ
facet-warning = Բովանդակության նախազգուշացում
facet-verification = Ստուգում
facet-review = Ստուգում
facet-tags = Պիտակ-բառեր
facet-dates = Ամսաթվեր
facet-dates-set = Ամսաթվեր (ընտրված)
facet-from = Սկսած
facet-until = Մինչև
facet-dates-persons = Անձինք՝ ըստ իրենց ընթացիկ կարգավիճակի ամսաթվի։
views-heading = Պահպանված տեսքեր
views-empty = Ընտրեք զտիչները ներքևում, ապա պահպանեք որպես տեսք։
views-remove = Հեռացնել այս տեսքը
views-save-as = Պահպանել որպես տեսք...
views-name = Տեսքի անունը
views-save = Պահպանել տեսքը
views-cancel = Չեղարկել

## The record editor

editor-none = Ընտրեք գրառում ցանկից՝ այն դիտելու և խմբագրելու համար, կամ ստեղծեք նորը «Նոր գրառում» կոճակով (Ctrl+N)։ «Օգնություն > Ինչպես սկսել» բաժինը բացատրում է, թե ինչ են գրառումները, պիտակները, ստուգումը և փաթեթները։
editor-tab-record = Գրառում
editor-tab-history = Պատմություն
editor-history-hint = Գրառման պահպանման շղթան՝ աուդիտի մատյանից
outside-heading = Փոխվել է Dossier-ից դուրս
outside-text = Այս գրառման ֆայլը փոխվել է ոչ Dossier-ի կողմից (մարդ, սկրիպտ, համաժամեցման գործիք)։ Այն չի կարող տրամադրվել, և նրա հաստատումը հետ է կանչված, մինչև չընդունեք փոփոխությունը ստուգման կամ չվերականգնեք Dossier-ի վերջին գրանցած տարբերակը։
outside-accept = Ընդունել ստուգման
outside-restore = Վերականգնել պատճենից...
outside-no-version = Մատյանում այս գրառումը երբեք չի եղել. վերականգնելու գրանցված տարբերակ չկա
review-label = Ստուգում՝
review-may-share = կարող է տրամադրվել իր պիտակի սահմաններում
review-reviewer = Ստուգողը՝ { $comment }
review-withdrawn = Հաստատումը հետ է կանչված. բովանդակությունը փոխվել է հաստատումից հետո, ուստի այն կրկին ստուգման մեջ է։
review-submit = Ուղարկել ստուգման
review-submit-hint = Դնել ստուգման հերթում
review-own = Դուք եք այն ուղարկել, ուստի այն հաստատում է մեկ ուրիշը՝ յուրաքանչյուր հաստատման համար երկու մարդ։
review-comment-hint = Ստուգողի մեկնաբանությունը (գրանցվում է, երբեք չի տրամադրվում)
review-comment = Ստուգողի մեկնաբանություն
review-outside-first = Փոխվել է Dossier-ից դուրս. նախ ընդունեք փոփոխությունը ստուգման
review-own-short = Դուք եք այն ուղարկել (կամ փոխել ստուգման ընթացքում). այն հաստատում է մեկ ուրիշը
review-approve = Հաստատել
review-approve-hint = Հաստատել տրամադրման համար. գրանցվում է ձեր անունով
review-request = Պահանջել փոփոխություններ
review-request-first = Նախ գրեք, թե ինչ պետք է փոխվի
review-approved-note = Բովանդակության կամ պիտակի փոփոխությունը այն կվերադարձնի ստուգման։
trash-banner = Աղբարկղում է. վերականգնեք՝ խմբագրելու համար։
trash-restore = Վերականգնել աղբարկղից
trash-read-only = Կատալոգը բացված է միայն ընթերցման համար
editor-graphic = Ցնցող
editor-title = Վերնագիր
editor-full-name = Ազգանուն, անուն
editor-created = Ստեղծվել է { $when }, { $who }
editor-changed = Փոխվել է { $when }, { $who }
editor-id-hint = Գրառման նույնացուցիչը. նրա ֆայլն է records/<id>.json

## The record's fields

field-not-set = Նշված չէ
field-kind = Տեսակ
field-label = Պիտակ
field-place = Վայր
field-place-hint = օր.՝ Ստեփանակերտ. Հադրութի շրջան
field-reported-by = Հաղորդել է
field-author = Հեղինակ կամ թողարկող մարմին
field-author-hint = Անձ, գրասենյակ կամ կազմակերպություն
field-language = Լեզու
field-verification = Ստուգում
field-coordinates = Կոորդինատներ
field-coordinates-hint = Լայնություն, երկայնություն, օր.՝ 39.8177, 46.7528
field-not-saved = Չի պահպանվել՝ { $why }
field-date = Ամսաթիվ
field-warnings = Բովանդակության նախազգուշացումներ
field-tags = Պիտակ-բառեր
field-remove-tag-hint = Հեռացնել «{ $tag }» պիտակ-բառը
field-remove-tag = Հեռացնել պիտակ-բառը { $tag }
field-new-tag = Նոր պիտակ-բառ
field-add-tag = Ավելացնել
field-source = Աղբյուր
field-source-name = Աղբյուրի անվանումը
field-source-name-hint = Ալիք, լրատվամիջոց, վկա, գործակալություն
field-how-collected = Ինչպես է հավաքվել
field-description = Նկարագրություն
field-description-hint = Ինչ է դա, ինչ է ասում, ինչ է ցույց տալիս
field-person = Անձ
field-name-hint = Անուն
field-name = Անուն { $n }
field-script-of-name = Անուն { $n }-ի գիրը
field-primary = հիմնական
field-remove-name = Հեռացնել անուն { $n }
field-add-name = Ավելացնել անուն (այլ գրով)
field-birth = Ծննդյան ամսաթիվ
field-sex = Սեռ
field-residence = Բնակության վայր
field-residence-hint = Քաղաք կամ գյուղ
field-category = Կատեգորիա
field-unit = Զորամաս
field-unit-hint = Զորամաս
field-rank = Կոչում
field-identifying = Նույնականացնող նշումներ
field-identifying-hint = Նշաններ, հագուստ, գտնված փաստաթղթեր
field-private = Անձնական նշումներ
field-private-hint = Երբեք դուրս չի գալիս այս կատալոգից՝ ո՛չ տրամադրումներում, ո՛չ արտահանումներում, ո՛չ մատյաններում։
field-private-placeholder = Պաշտպանվող աղբյուրներ, կասկածներ, հետագա քայլեր
method-open-source = Բաց աղբյուր
method-submitted = Ներկայացված
method-field-capture = Դաշտային նկարահանում
method-received-from-organisation = Ստացված կազմակերպությունից
method-other = Այլ

## A person's status timeline

timeline-remove-entry = Հեռացնել գրառումը
timeline-remove-entry-n = Հեռացնել { $n }-րդ գրառումը
timeline-add = Ավելացնել կարգավիճակի գրառում
timeline-add-hint = Ամենանոր տեղեկությունը՝ վերջում. նշեք ամսաթիվը
timeline-hint = Ընթացիկ կարգավիճակը վերջին գրառումն է. գրառումները դասավորվում են ըստ ամսաթվի գրառումը հաջորդ անգամ բացելիս։
timeline-untimed = Գրանցված է որպես «{ $status }»՝ առանց ժամանակագրության գրառման։
timeline-put-in = Ավելացնել ժամանակագրությանը
timeline-heading = Կարգավիճակի ժամանակագրություն
timeline-now = այժմ՝
timeline-none = դեռ գրառումներ չկան
timeline-entry-date = Գրառում { $n }՝ ամսաթիվ
timeline-status = Կարգավիճակ
timeline-basis = Ապացույցի հիմքը
timeline-verification = Ստուգում
timeline-of-entry = { $what }՝ գրառում { $n }
timeline-sources = Աղբյուրներ
timeline-note = Նշում
timeline-note-hint = Ինչի վրա է հիմնված գրառումը
timeline-note-of-entry = Գրառում { $n }-ի նշումը
timeline-source-not-here = (գրառում { $id }-ը այստեղ չէ)
timeline-remove-source = Հեռացնել { $n }-րդ գրառման { $j }-րդ աղբյուրը
timeline-link-to-cite = Կապեք զեկույց կամ հայտարարություն՝ այստեղ հղելու համար
timeline-add-source = Ավելացնել աղբյուր...
timeline-add-source-to = Ավելացնել աղբյուր { $n }-րդ գրառմանը
timeline-chart-now = այժմ
timeline-chart-span = { $status }՝ { $from }-ից մինչև { $until }

## Help > Getting started

menu-guide = Ինչպես սկսել
guide-title = Ինչպես սկսել
guide-record-heading = Գրառումներ
guide-record = Գրառումը կատալոգի մեկ միավոր է՝ զեկույց, հայտարարություն, լուսանկար կամ տեսանյութ, անձ (գերի, անհետ կորած, սպանված...) կամ միջադեպ։ Ստեղծեք այն «Նոր գրառում» կոճակով (Ctrl+N) կամ քաշեք ֆայլերը պատուհանի վրա։ Յուրաքանչյուր փոփոխություն պահպանվում է ինքնաբերաբար և գրանցվում աուդիտի մատյանում՝ ձեր անունով։
guide-label-heading = Պիտակներ
guide-label = Յուրաքանչյուր գրառում և ֆայլ ունի TLP պիտակ, որը ցույց է տալիս, թե ով կարող է այն տեսնել. TLP:CLEAR՝ բոլորը, TLP:GREEN՝ ստացողի համայնքը, TLP:AMBER՝ կազմակերպություններ, որոնց դա անհրաժեշտ է, TLP:AMBER+STRICT՝ միայն ստացող կազմակերպությունը, TLP:RED՝ միայն անվանված անձինք։ Նոր գրառումները TLP:AMBER են։ Փաթեթը երբեք չի պարունակում ավելին, քան ստացողին թույլատրված է։
guide-review-heading = Ստուգում
guide-review = Տրամադրել կարելի է միայն հաստատված գրառումները։ Ուղարկեք գրառումը ստուգման, երբ այն պատրաստ է. մեկ այլ անձ այն հաստատում է կամ պահանջում փոփոխություններ (յուրաքանչյուր հաստատման համար՝ երկու մարդ)։ Հաստատված գրառման փոփոխությունը այն վերադարձնում է ստուգման։
guide-package-heading = Փաթեթներ
guide-package = «Տրամադրում > Տրամադրել ստացողին» ընտրացանկը ստեղծում է փաթեթ մեկ ստացողի համար՝ միայն հաստատված գրառումներով, որոնց պիտակը ստացողը կարող է տեսնել, իրենց ֆայլերով (ցնցողները մնում են նշված, հրապարակային ստացողների համար հեռացվում են GPS-ի նման մետատվյալները), յուրաքանչյուր ֆայլի SHA-256-ով մանիֆեստով և մատյանի գրառումով։ Ստացողը կարող է այն ստուգել dossier share-verify հրամանով։
guide-close = Փակել

## About and keyboard shortcuts

about-title = Dossier-ի մասին
about-what = Անցանց կատալոգ՝ մարդու իրավունքների վերաբերյալ զգայուն ապացույցների համար։
about-tlp = Պիտակները հետևում են FIRST Traffic Light Protocol 2.0-ին՝
about-fonts = Հայերեն տեքստը օգտագործում է Noto Sans Armenian տառատեսակը (SIL Open Font License)։
shortcuts-title = Ստեղնաշարի դյուրանցումներ
shortcut-new = Նոր գրառում (ցուցադրված տեսակի)
shortcut-search = Որոնում
shortcut-open = Բացել կատալոգ
shortcut-save = Պահպանել հիմա (փոփոխությունները պահպանվում են նաև ինքնաբերաբար)
shortcut-share = Տրամադրել ստացողին
shortcut-undo = Հետարկել / վերադարձնել վերջին փոփոխությունը
shortcut-move = Նախորդ / հաջորդ գրառումը ցանկում
shortcut-page = Մեկ էջ վեր կամ վար, առաջին կամ վերջին գրառումը
shortcut-choose = Ընտրել մի քանի գրառում
shortcut-delete = Տեղափոխել ընտրված գրառումները աղբարկղ
shortcut-escape = Փակել վերևի պատուհանը
shortcut-menu = Բացել ընտրացանկը

## Theme and text size

prefs-theme = Թեմա
theme-system = Ինչպես համակարգում
theme-light = Բաց
theme-dark = Մուգ
prefs-text-size = Տեքստի չափը
size-small = Փոքր
size-normal = Սովորական
size-large = Մեծ
size-larger = Ավելի մեծ
prefs-looks-hint = Կիրառվում են անմիջապես, այս համակարգչում։

## Importing a list (CSV) and exporting one

menu-import-csv = Ներմուծել ցանկ (CSV)...
csv-import-title = Ցանկի ներմուծում
csv-import-file = { $file }-ից
csv-import-summary = Ստեղծել՝ { $create }, թարմացնել՝ { $update }, անփոփոխ՝ { $same }, սխալներով՝ { $errors }
csv-import-blocked = Որոշ տողեր սխալ են. ոչինչ չի ներմուծվի, մինչև դրանք ուղղվեն, եթե միայն չներմուծեք ճիշտ տողերը։
csv-import-skip = Ներմուծել միայն ճիշտ տողերը
csv-import-go = Ներմուծել
csv-import-nothing = Ներմուծելու բան չկա
csv-import-done = Ներմուծված է { $file }-ը. ստեղծված՝ { $create }, թարմացված՝ { $update }
csv-export-title = Արտահանում CSV-ով
csv-export-what-chosen = Գրում է ընտրված { $count } գրառումները նոր CSV ֆայլում (գրանցվում է՝ ֆայլ, սյունակներ, գրառումներ)։
csv-export-what-list = Գրում է ցանկում ցուցադրված գրառումները նոր CSV ֆայլում (գրանցվում է՝ ֆայլ, սյունակներ, գրառումներ)։
csv-export-columns = Սյունակներ
csv-export-private = Անձնական նշումները երբեք սյունակ չեն։
csv-export-max-label = Ամենասահմանափակ պիտակը ֆայլում
csv-export-max-label-hint = Ավելի սահմանափակ պիտակով գրառումները դուրս են մնում, և հաշվետվությունն ասում է՝ քանիսը։
csv-export-go = Արտահանել...
csv-export-no-columns = Ընտրեք առնվազն մեկ սյունակ
csv-export-cancel = Չեղարկել
csv-export-held-back = { $written } գրառում արտահանվեց { $file }-ում. { $label }-ից բարձր պիտակով { $held } գրառում դուրս մնաց։
views-update = Թարմացնել ընթացիկ զտիչներով
views-rename = Վերանվանել...
views-new-name = Տեսքի նոր անունը
views-rename-save = Վերանվանել
recipients-edit = Խմբագրել
recipients-editing = Փոխել { $name }-ը
recipients-save-changes = Պահպանել փոփոխությունները
recipients-cancel-edit = Չեղարկել

## Trash, review queue, links and possible duplicates

trash-heading = Աղբարկղ
trash-hint = Այստեղի գրառումները կարելի է վերականգնել, քանի դեռ աղբարկղը չի դատարկվել։
trash-empty-button = Դատարկել աղբարկղը...
trash-is-empty = Աղբարկղը դատարկ է։
trash-moved = Աղբարկղում է
trash-restore-button = Վերականգնել
queue-heading = Ստուգման հերթ
queue-hint = Ստուգման սպասող գրառումները՝ ամենաերկար սպասողները առաջինը։ Տրամադրել կարելի է միայն հաստատված գրառումները։
queue-empty = Ստուգման սպասող ոչինչ չկա։
queue-empty-hint = Գրառումը հերթ է մտնում, երբ ինչ-որ մեկը սեղմում է «Ուղարկել ստուգման» կոճակը նրա խմբագրիչում։
queue-select-all = Ընտրել բոլոր { $count }-ը
queue-selected = Ընտրված է՝ { $count }
queue-comment = Մեկնաբանություն
queue-comment-hint = Գրանցվում է ձեր անունով. երբեք չի տրամադրվում
queue-approve = Հաստատել ընտրվածները
queue-approve-hint = Հաստատել տրամադրման համար. հաստատումը գրանցվում է ձեր անունով
queue-outside-first = Ընտրված որոշ գրառումներ փոխվել են Dossier-ից դուրս. նախ ընդունեք այդ փոփոխությունները
queue-request = Պահանջել փոփոխություններ
queue-request-hint = Վերադարձնել՝ մեկնաբանությամբ, թե ինչ փոխել
queue-request-first = Ընտրեք գրառումները և գրեք, թե ինչ փոխել
queue-accept-outside = Ընդունել արտաքին փոփոխությունները
queue-accept-outside-hint = Գրառումները մնում են ստուգման մեջ՝ ինչպես հիմա են. գրանցվում է
queue-set-label = Նշանակել պիտակ
queue-waiting-since = Սպասում է՝ սկսած
queue-submitted-by = Ուղարկել է
queue-select-one = Ընտրել { $title }
queue-changed-outside = { $title } (փոխվել է Dossier-ից դուրս)
queue-accept-first = Ընդունեք փոփոխությունը ստուգման՝ նախքան հաստատելը
links-heading = Կապեր
links-in-trash = (աղբարկղում գտնվող գրառում)
links-missing = (բացակայող գրառում { $id })
links-remove = Հեռացնել կապ { $n }
links-kind = Կապի տեսակը
links-find = Գտնել գրառում՝ կապելու համար
links-no-match = Համապատասխան գրառում չկա։
links-add = Ավելացնել այս կապը
dups-heading = Հնարավոր կրկնօրինակներ
dups-hint = Նույն անունով անձինք ցանկացած գրով (հայերեն, ռուսերեն, լատինատառ) և նույն կամ մոտ ծննդյան ամսաթվով։ Միավորումը պահում է երկուսի բոլոր անունները, կարգավիճակի գրառումները, կապերը և ֆայլերը. կրկնօրինակը պատմության հետ տեղափոխվում է աղբարկղ, և միավորումը գրանցվում է։
dups-looking = Փնտրում ենք հնարավոր կրկնօրինակներ անձանց մեջ...
dups-looking-again = Կատալոգը փոխվել է. նորից փնտրում ենք...
dups-none = Հնարավոր կրկնօրինակներ չկան։
dups-shown = { $total }-ից ամենանման { $shown } զույգերը։ Միավորեք կամ նշեք դրանք՝ հաջորդները տեսնելու համար։
dups-merge-into = Միավորել «{ $name }»-ի մեջ
dups-keep-left = Պահել ձախ գրառումը. աջը տեղափոխվում է աղբարկղ
dups-keep-right = Պահել աջ գրառումը. ձախը տեղափոխվում է աղբարկղ
dups-not-same = Նույն անձը չէ
dups-born = ծնվ. { $date }
dups-entries = կարգավիճակի { $count } գրառում
dups-merge-pair-left = Միավորել { $n }-րդ զույգը ձախի մեջ
dups-merge-pair-right = Միավորել { $n }-րդ զույգը աջի մեջ
dups-pair-distinct = { $n }-րդ զույգը տարբեր անձինք են

## Small dialogs

newcat-heading = Նոր կատալոգ
newcat-title = Վերնագիր
newcat-title-hint = օր.՝ Գերիներ 2020. գործեր
newcat-folder = Թղթապանակ
newcat-folder-hint = նոր կամ դատարկ թղթապանակ
newcat-choose = Ընտրել թղթապանակ...
newcat-where = Որտե՞ղ տեղադրել նոր կատալոգը
newcat-hint = Dossier-ը կստեղծի թղթապանակը, եթե այն չկա։
newcat-create = Ստեղծել
newcat-default-name = Նոր կատալոգ
path-open = Բացել կատալոգ՝ ըստ ուղու
path-import = Ներմուծել ֆայլ՝ ըստ ուղու
path-relink = Փնտրել բացակայող բնօրինակները թղթապանակում
path-package = Գրել փաթեթը ուղու մեջ
path-receive = Ստանալ փաթեթ՝ ըստ ուղու
path-logged = Վերականգնել գրանցված տարբերակը պատճենից
path-export-csv = Գրել CSV ֆայլը ուղու մեջ
path-import-csv = Ներմուծել ցանկ (CSV)՝ ըստ ուղու
path-nothing-chosen = Ոչինչ չի ընտրվել։ Եթե ֆայլի պատուհան չհայտնվեց, այս համակարգչում կարող է բացակայել xdg-desktop-portal կամ zenity. մուտքագրեք ուղին։
path-field = Ուղի
path-go = Անցնել
merge-heading = Միավորե՞լ այս երկու անձանց
merge-text = «{ $kept }»-ը պահվում է։ Այն ստանում է «{ $gone }»-ի անունները, ժամանակագրությունը, կապերը և պատմությունը, որը տեղափոխվում է աղբարկղ՝ նշված որպես միավորված։ «{ $gone }»-ին հղվող գրառումները կհղվեն «{ $kept }»-ին։
merge-undo-hint = Գրանցվում է. «Խմբագրել > Հետարկել» (Ctrl+Z) երկուսին էլ վերադարձնում է նախկին վիճակին։
merge-go = Միավորել «{ $kept }»-ի մեջ
empty-trash-heading = Դատարկե՞լ աղբարկղը
empty-trash-text = { $count } գրառում կջնջվի ընդմիշտ։ Սա հնարավոր չէ հետարկել։ Կցված բնօրինակները մնում են կատալոգում։
empty-trash-go = Ջնջել ընդմիշտ
unsaved-heading = Որոշ փոփոխություններ պահպանված չեն
unsaved-text = Եթե հիմա փակեք, այդ փոփոխությունները կկորչեն։ Նախկինում պահպանված ամեն ինչ անվտանգ է։
unsaved-retry = Կրկին փորձել
unsaved-keep = Թողնել Dossier-ը բաց
unsaved-close = Փակել առանց պահպանելու
dialog-cancel = Չեղարկել

## Attachments

attach-heading = Կցված ֆայլեր
attach-files = Կցել ֆայլեր...
attach-none = Դեռ չկան։ Կցեք ֆայլեր կամ քաշեք դրանք պատուհանի վրա։
attach-reveal = Ցույց տալ
attach-reveal-hint = Ցույց տալ այս ցնցող պատկերը՝ միայն այս աշխատաշրջանի համար
attach-reveal-name = Ցույց տալ { $name }
attach-blur = Կրկին մշուշել
attach-effective-label = Գործող պիտակը՝ գրառման և ֆայլի պիտակներից ավելի խիստը
attach-details = Մանրամասներ
attach-details-hint = Ներմուծման գրառումը, ներդրված մետատվյալները և ծագումը
attach-details-of = { $name }-ի մանրամասները
attach-open = Բացել
attach-open-hint = Բացել համակարգի ծրագրով (բնօրինակը մնում է միայն ընթերցման)
attach-open-name = Բացել { $name }
attach-remove = Հեռացնել
attach-remove-hint = Հեռացնել այս գրառումից. բնօրինակը մնում է կատալոգում
attach-remove-name = Հեռացնել { $name }
attach-hidden =
    Ցնցող նախադիտումը թաքցված է
    (Տեսք ընտրացանկ)
attach-blurred = Մշուշված ցնցող նախադիտում
attach-preview = Նախադիտում
attach-no-preview = Նախադիտում չկա
attach-no-preview-why = Նախադիտում չկա՝ { $why }
attach-file-label = Ֆայլ՝ { $label }
attach-label-of = { $name }-ի պիտակը
attach-graphic = Դաժան բռնություն
attach-graphic-name = { $name }-ը ցույց է տալիս դաժան բռնություն

## Problems

problems-title = Խնդիրներ
problems-none = Այս կատալոգի բոլոր ֆայլերը կարդացվեցին, և աուդիտի մատյանը հաշվի է առնում բոլորը։
problems-copy = Պատճենել ցանկը
problems-outside = Փոխվել է Dossier-ից դուրս ({ $count })՝ որոշման է սպասում
problems-outside-hint = Այս գրառումների ֆայլերը փոխվել, ավելացվել կամ վերադարձվել են ոչ Dossier-ի կողմից (մարդ, սկրիպտ, համաժամեցման գործիք)։ Նրանց հաստատումը հետ է կանչված, և դրանք չեն կարող տրամադրվել, մինչև ինչ-որ մեկը չընդունի փոփոխությունը ստուգման կամ չվերականգնի Dossier-ի վերջին գրանցած տարբերակը պատճենից (պահուստ, այլ համակարգիչ)։ Երկուսն էլ գրանցվում են։
problems-accept-all = Ընդունել բոլորը ստուգման
problems-unreadable-record = (անընթեռնելի գրառում)
problems-accept-hint = Գրառումը ստուգման հերթ է գնում այնպես, ինչպես հիմա է. ստուգողը պետք է այն հաստատի, նախքան տրամադրելը
problems-restore-hint = Ընտրեք թղթապանակ (պահուստ, այլ համակարգչի կատալոգ), որտեղ կա Dossier-ի վերջին գրանցած տարբերակը. ընդունվում է միայն այն պատճենը, որի SHA-256-ը հաստատում է մատյանը
problems-opening = Հայտնաբերվել և գրանցվել է կատալոգը բացելիս
problems-unreadable = Ֆայլեր, որոնք հնարավոր չեղավ կարդալ
problems-unreadable-hint = Նրանց գրառումները չեն ցուցադրվում։ Dossier-ը թողել է դրանք անփոփոխ. ուղղեք դրանք (կամ վերականգնեք պահուստից) և նորից բացեք կատալոգը։
problems-line = տող { $line }՝ 

## Statistics

stats-heading = Վիճակագրություն
stats-for = ընթացիկ ցանկի { $count } գրառման համար (զտիչները՝ ձախում)
stats-dates = Ամսաթվեր՝ { $from } – { $until } (անձինք՝ ըստ ընթացիկ կարգավիճակի ամսաթվի)
stats-the-start = սկզբից
stats-today = այսօր
stats-no-status = Կարգավիճակ դեռ չկա
stats-all-persons = Բոլոր անձինք
stats-not-recorded = Գրանցված չէ
stats-no-basis = Այս ցանկում ոչ մի կարգավիճակ ապացույցի հիմք չունի։
stats-copy = Պատճենել
stats-copy-hint = Պատճենել որպես տեքստ (ներդիրներով բաժանված, տեղադրվում է աղյուսակում)
stats-copy-name = Պատճենել «{ $figure }»
stats-no-weeks = Այս ցանկում ամսաթվով կարգավիճակի փոփոխություններ կամ միջադեպեր չկան։
stats-per-week = շաբաթական
stats-incidents = Միջադեպեր
stats-show = Ցույց տալ այս { $count }-ը ({ $what })
figure-status = Անձինք՝ ըստ ընթացիկ կարգավիճակի
figure-status-basis = Յուրաքանչյուր կարգավիճակի ապացույցի հիմքը
figure-category = Քաղաքացիական անձինք և զինծառայողներ
figure-weeks = Կարգավիճակի փոփոխություններ և միջադեպեր՝ ըստ շաբաթների

## The share wizard

share-title = Տրամադրել ստացողին
share-no-recipients = Ստացողներ դեռ չկան։ Ավելացրեք այն կազմակերպություններն ու մարդկանց, որոնց հետ կիսվում եք, և յուրաքանչյուրի համար թույլատրված ամենաբարձր պիտակը։
share-recipients = Ստացողներ...
share-recipient = Ստացող
share-choose = Ընտրել...
share-may-receive = կարող է ստանալ մինչև
share-consider = Դիտարկել
share-every-record = Բոլոր գրառումները
share-listed = Ցանկի { $count } գրառումները
share-listed-hint = Ընթացիկ որոնման և զտիչների ցուցադրած գրառումները
share-selected = Ընտրված գրառումը
share-sent-as = Ուղարկվում է որպես
share-sent-as-you = դուք՝ անունով (այս ստացողին հայտնում են, թե ով է պատրաստել յուրաքանչյուր փաթեթ)
share-sent-as-office = { $office } (գրասենյակը. ոչ ձեր անունը)
share-choose-first = Ընտրեք ստացող՝ տեսնելու, թե ինչ կներառվի և ինչ կպահվի։
share-files = Ֆայլեր
share-strip = Հեռացնել ներդրված մետատվյալները (GPS դիրք, տեսախցիկի սերիական համար, նկարահանման ժամ, անուններ)
share-strip-default = Լռելյայն՝ հանրության և TLP:CLEAR կամ TLP:GREEN ստացողների համար։ Ֆայլերը, որոնց մետատվյալները հնարավոր չէ հեռացնել, պահվում են։
share-keep-default = Լռելյայն այս ստացողի համար. ներքևի ցանկը ցույց է տալիս, թե ինչ է պարունակում յուրաքանչյուր ֆայլ։
share-strip-chosen = Ձեր ընտրությունն այս փաթեթի համար. այն գրանցվում է։
share-keep-chosen = Ուղարկվում է ներդրված մետատվյալներով՝ դիտավորյալ. ձեր ընտրությունը գրանցվում է։
share-goes-in = Ներառվում է՝ { $records } գրառում, { $files } ֆայլ
share-held = Պահվում է՝ { $records } գրառում, { $files } ֆայլ
share-rule = Ներառվում են միայն ստացողի թույլտվության սահմաններում հաստատված գրառումները։ Անձնական նշումները, ստուգողների մեկնաբանությունները և աուդիտի մատյանը՝ երբեք. պահված գրառումներին հղումները հեռացվում են առանց հետքի։
share-persons = Անձանց համար ներառվում են՝ { $shared }։ Մնում են՝ { $kept }։
share-goes-in-list = Ներառվում է ({ $count })
share-nothing = Ոչինչ. դիտարկվող բոլոր գրառումները պահվում են։
share-held-list = Պահվում է ({ $count })
share-files-go = ներառվում է { $count } ֆայլ
share-file-held = { $name } ֆայլը պահվում է՝ { $reason }
share-file = ֆայլ
share-private-stay = անձնական նշումները մնում են (երբեք չեն տրամադրվում)
share-links-dropped = պահված գրառումներին { $count } հղում հեռացված է
share-writing = Փաթեթը գրվում է
share-cancel = Չեղարկել
share-save-as = Պահպանել որպես
share-zip = .zip ֆայլ
share-folder = թղթապանակ
share-read-only = Կատալոգը միայն ընթերցման է, իսկ յուրաքանչյուր տրամադրում պետք է գրանցվի
share-nothing-may-go = Այս ստացողին ոչինչ չի կարող ուղարկվել
share-export = Արտահանել փաթեթը...
share-written = Փաթեթը գրված է՝ { $path } ({ $records } գրառում, { $size })։ Յուրաքանչյուր տրամադրում գրանցված է աուդիտի մատյանում։
share-show-folder = Ցույց տալ թղթապանակում

## Verification

verify-title = Ստուգման հաշվետվություն
verify-checked = Ստուգված է՝ { $records } գրառում, { $originals } բնօրինակ ({ $size }) և աուդիտի { $entries } գրառում՝ { $seconds } վրկ-ում{ $speed }։
verify-ok = Խնդիրներ չկան. յուրաքանչյուր բնօրինակ համապատասխանում է իր հեշին, յուրաքանչյուր գրառում՝ մատյանին, և մատյանն անխաթար է։
verify-problems = Հայտնաբերված խնդիրներ՝ { $count }
verify-expected = սպասվում էր՝ { $what }
verify-found = գտնվեց՝ { $what }
verify-copy = Պատճենել հաշվետվությունը
verify-locate = Գտնել բացակայող բնօրինակները...
relink-title = Բացակայող բնօրինակներ
relink-none = Բացակայող բնօրինակներ չկան։
relink-summary = Դիտարկվել է { $seen } ֆայլ՝ վերականգնվել է { $restored }-ը, դեռ բացակայում է { $missing }-ը։
relink-restored = Վերականգնվել է { $sha }-ը { $from }-ից
relink-refused = Մերժված է { $file }-ը՝ { $why }
relink-still-missing = Դեռ բացակայում է՝ { $name } (sha256 { $sha })
relink-logged = Յուրաքանչյուր վերականգնում գրանցված է աուդիտի մատյանում։

## The audit log and the sharing log

log-title = Աուդիտի մատյան
log-count = { $count } գրառում
log-actor = Կատարող
log-any = ցանկացած
log-action = Գործողություն
log-any-action = Ցանկացած
log-from = Սկսած
log-to = Մինչև
log-clear = Մաքրել
log-entry = Գրառում
log-time = Ժամ (UTC)
log-what = Ինչ
log-record = Գրառում
sharing-title = Տրամադրումների մատյան
sharing-nothing = Դեռ ոչինչ չի տրամադրվել։
sharing-recipient = Ստացող
sharing-all = Բոլորը
sharing-by-package = Ըստ փաթեթի
sharing-by-record = Ըստ գրառման
sharing-deleted = (ջնջված գրառում)
sharing-record = Գրառում
sharing-when = Երբ
sharing-package = Փաթեթ
sharing-package-line = { $when }  { $recipient }  —  { $count } գրառում, պատրաստել է { $who }
sharing-package-id = Փաթեթ { $id }

## Recipients

recipients-title = Ստացողներ
recipients-hint = Փաթեթներ կարելի է պատրաստել միայն այս ստացողների համար և միայն այն, ինչ թույլ է տալիս նրանց թույլտվությունը։
recipients-none = Ստացողներ դեռ չկան։ Ավելացրեք առաջինը ներքևում։
recipients-name = Անվանում
recipients-kind = Տեսակ
recipients-max = Կարող է ստանալ մինչև
recipients-contact = Կոնտակտ
recipients-notes = Նշումներ
recipients-remove = Հեռացնել
recipients-remove-hint = Արդեն պատրաստված փաթեթները մնում են տրամադրումների մատյանում
recipients-add-heading = Ավելացնել ստացող
recipients-exists = Այս անվանումով ստացող արդեն կա։
recipients-add = Ավելացնել ստացող
recipients-name-hint = օր.՝ ԵԱՀԿ Ժողովրդավարական հաստատությունների և մարդու իրավունքների գրասենյակ
recipients-packages-name = Փաթեթներում նշվում է
recipients-name-sender = յուրաքանչյուր փաթեթ պատրաստողը (հակառակ դեպքում՝ միայն գրասենյակը)
recipients-office = Փաթեթներն ուղարկվում են անունից՝
recipients-office-save = Պահպանել
recipients-office-hint = Գրանցվում է։ Դատարկ լինելու դեպքում օգտագործվում է կատալոգի վերնագիրը։

## File details

details-title = Ֆայլի մանրամասներ՝ { $name }
details-import = Գրանցված է ներմուծման ժամանակ
details-original-name = Բնօրինակ անունը
details-imported-from = Ներմուծված է՝
details-size = Չափ
details-bytes = { $size } ({ $bytes } բայթ)
details-type = Տեսակ
details-sha-hint = Յուրաքանչյուրը կարող է ստուգել, որ ֆայլը փոխված չէ. sha256sum-ը տպում է այս արժեքը
details-imported = Ներմուծված է
details-imported-by = { $when }, { $who }
details-working-copy = Աշխատանքային պատճենն է՝
details-read-only = Պահված բնօրինակը միայն ընթերցման է և երբեք չի փոխվում։
details-embedded = Ներդրված մետատվյալներ
details-none = Ֆայլում չեն գտնվել։
details-pixels = { $w } x { $h } պիքսել
details-duration = Տևողություն
details-captured = Նկարահանված է (տեսախցիկի ժամացույցով)
details-camera = Տեսախցիկ
details-position = Դիրք
details-orientation = Կողմնորոշում
details-provenance = Ծագում
details-source = Աղբյուր
details-source-hint = URL, ալիք, վկա կամ գործակալություն
details-source-kind = Աղբյուրի տեսակը
details-collected-by = Հավաքել է
details-collected-by-hint = Ով է հավաքել
details-collected-on = Հավաքման ամսաթիվը
details-how = Ինչպես է հավաքվել
source-url = Վեբ հասցե
source-channel = Ալիք կամ հաշիվ
source-witness = Վկա
source-agency = Գործակալություն կամ կազմակերպություն
source-other = Այլ

## What a change did (the status bar, Undo)

done-saved = Պահպանված է՝ «{ $title }»
done-trashed-one = «{ $title }»-ը տեղափոխվեց աղբարկղ
done-trashed = { $count } գրառում տեղափոխվեց աղբարկղ
done-restored = Վերականգնված է՝ «{ $title }»
done-labelled = { $count } գրառման պիտակը՝ { $label }
done-submitted = Ստուգման է ուղարկվել { $count } գրառում
done-approved = Հաստատվել է { $count } գրառում
done-changes-requested = Փոփոխություններ են պահանջվել { $count } գրառման համար
done-own-waiting = . ձեր ուղարկած { $count } գրառումը սպասում է մեկ այլ անձի
done-tagged = «{ $tag }» պիտակ-բառը ավելացվեց { $count } գրառման
done-created = Ստեղծվեց նոր գրառում՝ { $kind }
done-merged = «{ $gone }»-ը միավորվեց «{ $kept }»-ի մեջ
done-undone = Հետարկված է՝ { $what }
done-redone = Վերադարձված է՝ { $what }

## Audit log actions

action-catalogue-created = Կատալոգը ստեղծվեց
action-baseline = Մուտքագրվեց մատյանում
action-created = Ստեղծվեց
action-edited = Խմբագրվեց
action-label-changed = Պիտակը փոխվեց
action-review-changed = Ստուգման վիճակը փոխվեց
action-attachment-imported = Կցված ֆայլը ներմուծվեց
action-attachment-edited = Կցված ֆայլը խմբագրվեց
action-attachment-removed = Կցված ֆայլը հեռացվեց
action-trashed = Տեղափոխվեց աղբարկղ
action-restored = Վերականգնվեց աղբարկղից
action-deleted = Ջնջվեց ընդմիշտ
action-disclosed = Տրամադրվեց
action-verified = Կատալոգը ստուգվեց
action-relinked = Բացակայող բնօրինակը վերականգնվեց
action-repaired = Վերանորոգվեց
action-recipients-changed = Ստացողները փոխվեցին
action-package-received = Փաթեթը ստացվեց
action-merged = Միավորվեց կրկնօրինակի հետ
action-exported = Արտահանվեց
action-changed-outside = Փոխվեց Dossier-ից դուրս
action-outside-change-accepted = Արտաքին փոփոխությունը ընդունվեց ստուգման
action-logged-version-restored = Գրանցված տարբերակը վերականգնվեց
action-catalogue-changed = Կատալոգի տվյալները փոխվեցին

## Why a package holds something back

hold-not-approved = հաստատված չէ ({ $state })
hold-above = պիտակը թույլտվությունից բարձր է ({ $label }-ը բարձր է { $max }-ից)
hold-missing = բնօրինակ ֆայլը բացակայում է
hold-private = անձնական. երբեք չի տրամադրվում
hold-outside = փոխվել է Dossier-ից դուրս. ընդունեք փոփոխությունը ստուգման կամ վերականգնեք գրանցված տարբերակը
hold-conflict = երկու համակարգիչների միջև հակասություն կա ({ $fields })․ նախ ընտրեք արժեքը
hold-recipient = ստացողը ոչինչ չի կարող ստանալ՝ { $why }
hold-metadata = նրա ներդրված մետատվյալները հնարավոր չէ հեռացնել ({ $kind }), իսկ այս փաթեթն ուղարկվում է առանց դրանց. դիտավորյալ պահեք մետատվյալները՝ այն ուղարկելու համար
hold-redacted-copy = փոխարենը ուղարկվում է նրա խմբագրված պատճենը՝ { $copy } (բնօրինակը պահվում է՝ { $label })

## Errors: what went wrong, said to a person

io-disk-full = սկավառակը լցված է։ Ազատեք տեղ, ապա պահեք նորից․ նախկինում պահվածը չի կորել
io-permission-denied = թույլտվություն չկա։ Ստուգեք, որ կարող եք գրել այս թղթապանակում
io-read-only-drive = սկավառակը միայն ընթերցման է
io-not-found = այն գոյություն չունի (տեղափոխվե՞լ է, ջնջվե՞լ է, թե՞ սկավառակն է անջատված)
io-quota = ձեր սկավառակային սահմանաչափը սպառված է։ Ազատեք տեղ, ապա պահեք նորից
io-could-not = Չհաջողվեց { $action } { $path }․ { $why }
io-action-read = կարդալ
io-action-write = գրել
io-action-save = պահել
io-action-create = ստեղծել
io-action-delete = ջնջել
io-action-move = տեղափոխել
io-action-open = բացել
io-action-protect = պաշտպանել
io-action-search = որոնել
io-action-store = պահոց դնել
io-action-repair = վերականգնել
io-action-finish = ավարտել
io-action-name = անվանել
io-action-append-log = ավելացնել աուդիտի մատյանում
error-item-recipient = ստացող
error-item-view = տեսք
error-folder-missing = { $path } թղթապանակը գոյություն չունի։ Այն տեղափոխվե՞լ է կամ վերանվանվե՞լ, թե՞ սկավառակն է անջատված։
error-not-a-catalogue = { $path }-ը Dossier-ի կատալոգ չէ․ { $reason }
error-cannot-create = Հնարավոր չէ կատալոգ ստեղծել { $path }-ում․ { $reason }
error-read-only = Այս կատալոգը միայն ընթերցման է․ { $why }։ Ոչինչ չի փոխվել։
error-unknown-record = Այս կատալոգում { $id } գրառում չկա։
error-ambiguous-id = '{ $prefix }'-ին համապատասխանում է { $count } գրառում․ նշեք նույնացուցչի ավելի մեծ մասը։
error-not-in-trash = Աղբարկղում { $id } գրառում չկա։
error-merge-with-itself = Գրառումը չի կարող միավորվել ինքն իր հետ։
error-distinct-from-itself = Անձը չի կարող նշվել որպես իրենից տարբեր․ նշեք երկու տարբեր գրառում։
error-not-a-person = '{ $title }'-ը անձ չէ․ միայն անձերը կարող են միավորվել կամ տարբերվել։
error-approve-outside-change = '{ $title }'-ը փոխվել է Dossier-ից դուրս, և այդ փոփոխությունը դեռ ոչ ոք չի ընդունել։ Նախ ընդունեք այն ստուգման համար (կամ վերականգնեք գրանցված տարբերակը)․ ոչինչ չի հաստատվել։
error-own-submission = Դուք եք ներկայացրել '{ $title }'-ը ստուգման (կամ փոխել եք այն դրանից հետո), ուստի այն պետք է հաստատի մեկ ուրիշը․ այս կատալոգը յուրաքանչյուր հաստատման համար երկու մարդ է պահանջում։ Մեկ հոգանոց գրասենյակը կարող է դա անջատել (dossier catalogue PATH --two-people off կամ ծրագրի Կարգավորումներում)։
error-undo-over-outside-change = { $id } գրառումը այդ ընթացքում փոխվել է Dossier-ից դուրս․ այդ փոփոխությունը սպասում է, որ մեկը ընդունի կամ վերականգնի այն, ուստի Հետարկումը այն չի շոշափել։
error-no-outside-change = { $id } գրառումը Dossier-ից դուրս կատարված և որոշման սպասող փոփոխություն չունի։
error-no-logged-version = { $id } գրառումը ավելացվել է Dossier-ից դուրս, ուստի վերականգնելու գրանցված տարբերակ չկա։ Ընդունեք այն ստուգման համար կամ տեղափոխեք աղբարկղ։
error-not-the-logged-version = { $file }-ը { $seq } գրառման մեջ մատյանավորված տարբերակը չէ․ դրա SHA-256-ը { $found } է, մատյանում՝ { $expected }։ Ոչինչ չի փոխվել։
error-not-a-record = { $file }-ը հնարավոր չէ կարդալ որպես գրառում․ { $problem }
error-other-record = { $file }-ը պարունակում է { $found } գրառումը, ոչ թե { $wanted }-ը։ Ոչինչ չի փոխվել։
error-no-title = Կատալոգը վերնագիր է պահանջում։
error-unreadable-list = { $path }-ը հնարավոր չեղավ կարդալ, ուստի այն չի վերագրանցվում։ Ուղղեք կամ տեղափոխեք այն, ապա կրկին բացեք կատալոգը։
error-no-name = { $what }-ը անուն է պահանջում։
error-name-taken = '{ $name }' անունով { $what } արդեն կա։
error-cannot-import = Հնարավոր չէ ներմուծել { $path }-ը․ { $reason }
read-only-requested = այն բացվել է միայն ընթերցման համար
read-only-newer-format = այն գրվել է Dossier-ի ավելի նոր տարբերակով (ձևաչափի տարբերակ { $found }․ այս Dossier-ը գիտի { $known } տարբերակը), ուստի բացվում է միայն ընթերցման համար, որ այդ տարբերակի տվյալներն անվնաս մնան։ Թարմացրեք Dossier-ը՝ այն խմբագրելու համար
read-only-open-elsewhere-by = այն բաց է մեկ այլ Dossier-ում ({ $holder })։ Փակեք այն այնտեղ՝ այստեղ խմբագրելու համար
read-only-open-elsewhere = այն բաց է մեկ այլ Dossier-ում։ Փակեք այն այնտեղ՝ այստեղ խմբագրելու համար
read-only-not-writable = դրա թղթապանակում հնարավոր չէ գրել ({ $why })
read-only-received = այն պարունակում է { $package } փաթեթը ինչպես ստացվել է (պատրաստել է՝ { $sent_by }), անփոփոխ պահված որպես ուղարկվածի վկայություն
error-unknown-recipient = '{ $name }' անունով ստացող չկա։ Նախ ավելացրեք այն (dossier recipients PATH add NAME --kind K --max-label L)։
error-package-exists = { $path }-ը արդեն գոյություն ունի։ Ընտրեք նոր անուն․ փաթեթը երբեք ոչինչ չի վերագրանցում։
error-original-changed = { $name } բնօրինակը ({ $path }) այլևս չի համապատասխանում իր SHA-256-ին (սպասվում էր { $expected }, գտնվեց { $found })։ Ոչինչ չի արտահանվել․ գործարկեք Ստուգումը։
error-record-changed-on-disk = { $path }-ը փոխվել է սկավառակի վրա փաթեթը պլանավորելուց հետո (SHA-256 { $found }, պլանավորված՝ { $expected })․ այն փոխվել է Dossier-ից դուրս և այդ տեսքով չի ստուգվել։ Ոչինչ չի գրվել․ կրկին բացեք կատալոգը, որ փոփոխությունը գրանցվի և հետ պահվի։
error-cannot-strip = { $name }-ը հնարավոր չեղավ պատճենել առանց ներկառուցված մետատվյալների ({ $reason })։ Ոչինչ չի գրվել․ գիտակցաբար պահեք մետատվյալները՝ այն ինչպես կա ուղարկելու համար, կամ բաց թողեք այն։
error-recipient-refused = Ոչինչ չի տրամադրվել․ { $why }
error-export-cancelled = Արտահանումը չեղարկվեց․ ոչինչ չի գրվել և ոչինչ չի մատյանավորվել։
error-not-a-package = { $path }-ը Dossier-ի փաթեթ չէ․ { $reason }
error-unsafe-entry = { $path }-ը մերժվեց․ '{ $entry }' տարրը՝ { $reason }։ Ոչինչ չի բացվել։
error-package-too-large = { $path }-ը ավելի մեծ է, քան Dossier-ն ընդունում է․ { $what }։ Ոչինչ չի ստացվել։
error-no-room = { $path }-ի սկավառակի վրա այս փաթեթը ստանալու համար բավարար տեղ չկա․ պետք է { $needed }, ազատ է { $free }։ Ազատեք տեղ կամ ստացեք այն մեկ այլ սկավառակի կատալոգում․ ոչինչ չի ստացվել։
error-fails-verification =
    { $path }-ը չի անցնում ստուգումը, ուստի չի ստացվել․
    { $problems }
error-csv-not-utf8 = { $file }-ը UTF-8 տեքստ չէ (բայթ { $byte })․ աղյուսակից պահեք այն որպես «CSV UTF-8»
error-csv-header = { $file }․ վերնագրի տողը հնարավոր չեղավ կարդալ․ { $reason }
error-csv-exists = { $path }-ը արդեն գոյություն ունի․ ընտրեք նոր ֆայլի անուն
error-unknown-column = '{ $column }'-ը սյունակ չէ․ օգտագործեք հետևյալներից որևէ մեկը՝ { $keys }
error-no-columns = ընտրեք առնվազն մեկ սյունակ

## Messages of the app: tasks, pickers, history

task-not-started = Չհաջողվեց սկսել՝ { $task }․ { $why }
task-stopped = { $task }՝ անսպասելիորեն դադարեց։ Արդեն ավարտվածը չի կորել․ փորձեք նորից։
task-duplicates = Կրկնօրինակների որոնում
task-search = Որոնում
task-opening = Կատալոգի բացում
task-importing = Ֆայլերի ներմուծում
task-verifying = Ստուգում
task-syncing = Համաժամեցում
task-relinking = Բնօրինակների որոնում
task-sharing = Փաթեթի գրում
task-receiving = Փաթեթի ստացում
task-finding-version = Մատյանավորված տարբերակի որոնում
busy-opening = Բացում
busy-verifying = Ստուգում
busy-reading-records = Գրառումների ընթերցում․ { $total }-ից { $done }
reading-records-held = Գրառումները դեռ կարդացվում են ({ $total }-ից { $done })․ դա կկատարվի, հենց որ բոլորը կարդացվեն։
busy-importing = Ներմուծվում է { $count }-ից { $done }-րդ ֆայլը
busy-relinking = Բնօրինակների որոնում․ { $count } ֆայլ
busy-previews = Պատրաստվում է { $count } նախադիտում
error-open-file = Չհաջողվեց բացել ֆայլը․ { $why }
error-original-missing = '{ $name }'-ի բնօրինակը բացակայում է․ { $path }-ը գոյություն չունի։
error-no-program = Այս համակարգչի ոչ մի ծրագիր չկարողացավ բացել '{ $name }'-ը։ Բնօրինակը՝ { $path }
error-no-logged-copy = Այս գրառման այն պատճենը, որը Dossier-ը մատյանավորել է (SHA-256 { $sha }), { $folder }-ում չգտնվեց։ Ոչինչ չի փոխվել։
error-import-needs-catalogue = Ֆայլեր ներմուծելուց առաջ բացեք կատալոգ։
error-verify-stopped = Ստուգումը դադարեց․ { $why }
error-sync = Համաժամեցումը կանգ առավ․ { $why }
done-logged-verification = Ստուգումը մատյանավորվեց
done-shared = { $count } գրառում տրամադրվեց { $recipient }-ին
done-received = Ստացվեց { $package } փաթեթը․ { $count } գրառում, { $files } ֆայլ։ Այն բացվում է միայն ընթերցման համար { $folder }-ում։
error-not-received = Փաթեթը չստացվեց․ { $why }
error-import-record-gone = { $path }․ գրառումը, որի համար էր, այլևս չկա
done-imported = Ներմուծվեց { $count } ֆայլ
done-imported-some-known = Ներմուծվեց { $count } ֆայլ ({ $already }-ն արդեն կատալոգում էր․ կապվեց պահված բնօրինակին, կրկին չպահվեց)
error-sample = Չհաջողվեց պատրաստել օրինակ կատալոգը․ { $why }
history-reading = Այս գրառման մուտքերը կարդացվում են աուդիտի մատյանից…
history-unreadable = Աուդիտի մատյանը հնարավոր չէ կարդալ, ուստի այս գրառման պատմությունը չի կարող ցուցադրվել. { $why }
history-nothing = Այս գրառման համար դեռ ոչինչ մատյանավորված չէ։
history-intro = { $count } փոփոխություն (աուդիտի մատյանում՝ { $entries } գրառում), նորերը՝ վերևում։ Յուրաքանչյուր գրառում նշում է իր թողած գրառման ֆայլի SHA-256-ը։
history-each-save = Յուրաքանչյուր պահում
history-file-sha = ֆայլի sha256՝ { $sha }
history-entry-hashes =
    Այս գրառման հեշը՝ { $hash }
    Նախորդ գրառումը՝ { $prev }
history-entry-line = գրառում { $seq }  հեշ { $hash }
history-burst-line = { $from } - { $to }, { $who } ({ $count } պահում)
log-empty = (դատարկ)
log-field-change = { $field }․ { $from } -> { $to }
log-field-set = { $field }․ { $to }
log-field-named = { $field }․ փոխվել է (երկար տեքստ․ մատյանը պատճեն չի պահում)
log-changed-fields = փոխվել են՝ { $fields }
log-when-who = { $when }, { $who }
error-no-display =
    Dossier-ի պատուհանին գրաֆիկական աշխատասեղան է պետք, և այն չգտնվեց (ո՛չ DISPLAY, ո՛չ WAYLAND_DISPLAY նշված չէ)։
    Հրամանային տողի գործիքներն աշխատում են առանց դրա․ տե՛ս `dossier --help`։
error-no-window = Dossier-ը չկարողացավ բացել իր պատուհանը․ { $why }
date-field-help = Օր, ամիս կամ տարի, կամ միջակայք '..'-ով։ Ավելացրեք ?, երբ անորոշ է, ~, երբ մոտավոր է։
date-not-saved = Չի պահվել․ { $why }
date-not-a-day = '{ $text }'-ը օր չէ․ գրեք այսպես՝ 2020-09-27
preview-no-thread = Նախադիտում չկա․ Dossier-ը չկարողացավ այն պատրաստելու հոսք սկսել։
preview-cannot = Այս ֆայլը հնարավոր չէ նախադիտել․ { $why }
nothing-open = Ոչ մի կատալոգ բաց չէ
nothing-open-hint = Բացեք կատալոգի թղթապանակ կամ ստեղծեք նորը Ֆայլ ցանկից։
nothing-open-choose = Բացել կատալոգ...
nothing-open-sample = Բացել օրինակ կատալոգը
opening-folder = Բացվում է { $path }
opening-after-records = Գրառումները կարդացվեցին․ ստուգվում է աուդիտի մատյանը և կառուցվում որոնման ինդեքսը
done-distinct = Նշվեցին որպես տարբեր անձեր
done-view-saved = '{ $name }' տեսքը պահվեց
done-view-removed = '{ $name }' տեսքը հեռացվեց
done-view-renamed = '{ $from }' տեսքը վերանվանվեց '{ $to }'
done-saved-failed = Պահվեցին այն փոփոխությունները, որոնք չէին պահվել
attachment-sha-hover = Բնօրինակի SHA-256-ը՝ { $sha }
recipient-receives-nothing = { $name } (ոչինչ չի ստանում)
pick-catalogue = Բացել Dossier-ի կատալոգի թղթապանակ
pick-import-files = Ֆայլեր ներմուծել կատալոգ
pick-relink-folder = Որտե՞ղ կարող են լինել բացակայող բնօրինակները (թղթապանակ կամ սկավառակ)
pick-sync-folder = Համաժամեցման թղթապանակը (USB կրիչ կամ ընդհանուր սկավառակ)
pick-csv-destination = Արտահանել CSV-ով․ նոր ֆայլ
pick-csv-import = Ներմուծել ցուցակ (CSV)
pick-logged-version = Այս գրառման պատճենը պարունակող թղթապանակը (պահուստային պատճեն, մեկ այլ համակարգիչ)
error-no-logged-version-here = Այս գրառումը վերականգնելու մատյանավորված տարբերակ չունի․ փոխարենը ընդունեք այն ստուգման համար։
pick-package-to-receive = Ստանալ փաթեթ մեկ այլ գրասենյակից (.zip)
pick-filter-package = Dossier-ի փաթեթ
package-file-name = Dossier-ի փաթեթ { $recipient }-ի համար { $date }
pick-package-zip = Պահել փաթեթը որպես .zip ֆայլ
pick-package-folder = Անվանեք փաթեթի նոր թղթապանակը
pick-filter-zip = Zip արխիվ

## The package report (index.html), link kinds, recipient kinds, file classes

report-title = { $label } — փաթեթ { $recipient }-ի համար
report-package = Փաթեթ { $id }
report-heading = Ապացույցների փաթեթ { $recipient }-ի համար
report-highest = Այս փաթեթի ամենասահմանափակ պիտակը { $label } է։ { $means }
report-custody = ուղարկողի պահառության գրանցամատյանը գտնվում էր { $entries } գրառման վրա, հեշ՝ { $hash }․ պահեք սա, և ուղարկողը հետագայում կկարողանա ապացուցել, որ իր մատյանին այդ պահից միայն ավելացվել է
report-recipient = Ստացող
report-recipient-is = { $name } ({ $kind }․ կարող է ստանալ մինչև { $max })
report-made = Պատրաստվել է
report-made-by = { $when }, { $who }
report-records = Գրառումներ
report-files = Ֆայլեր
report-package-id = Փաթեթի նույնացուցիչ
report-chain = Պահառության շղթա
report-files-note = Յուրաքանչյուր ֆայլ իր SHA-256-ով նշված է manifest.json-ում․ գրառումները records.json-ում են, անձերը՝ persons.csv-ում։ Յուրաքանչյուր էջի հետ վարվեք այնպես, ինչպես ասում է դրա վերևի պիտակը։
report-contents = Բովանդակություն
report-field-label = Գրառման պիտակ
report-field-author = Հեղինակ / թողարկող
report-field-url = Աղբյուրի URL
report-field-method = Ինչպես է հավաքվել
report-field-names = Անուններ
report-field-status = Կարգավիճակ
report-field-basis = Ապացուցողական հիմք
report-field-category = Քաղաքացիական, թե զինծառայող
report-field-id = Գրառման նույնացուցիչ
report-related = Առնչվող գրառումներ
report-timeline = Կարգավիճակի ժամանակագրություն
report-sources = Աղբյուրներ
report-note = Նշում
report-graphic = Դաժան բովանդակություն․ սեղմեք՝ ցույց տալու համար
report-captured = Նկարահանվել է { $when }
link-mentions = հիշատակում է
link-documents = փաստագրում է
link-issued-by = թողարկել է
link-about-person = անձի մասին
link-appeals-to = դիմում է
link-part-of = մաս է
link-related-to = առնչվում է
link-victim = տուժող
link-witness = վկա
link-perpetrator = հանցագործ (նշված աղբյուրում)
recipient-kind-government = Պետական մարմին
recipient-kind-international = Միջազգային կազմակերպություն
recipient-kind-ngo = ՀԿ
recipient-kind-mediator = Միջնորդ
recipient-kind-public = Հանրություն
media-photo = Լուսանկար
media-video = Տեսանյութ
media-audio = Աուդիո
media-document = Փաստաթուղթ
media-other = Ֆայլ

## Lists (CSV import and export)

csv-line-create = տող { $line }․ ստեղծել { $kind } '{ $name }'
csv-line-update = տող { $line }․ թարմացնել '{ $name }'-ը ({ $id })․ { $changes }
csv-line-same = տող { $line }․ '{ $name }'-ում ({ $id }) փոփոխություն չկա
csv-line-error = սխալ․ { $error }
csv-not-valid = անվավեր CSV․ { $why }
csv-unknown-column = անհայտ սյունակ․ սյունակներն են՝ { $keys }
csv-same-record = նույն գրառումն է, ինչ { $first } տողում
csv-duplicate-line = { $first } տողի կրկնօրինակն է ('{ $name }')
csv-already-known = '{ $name }'-ը արդեն կատալոգում է ({ $id })․ ավելացրեք id սյունակը՝ այդ անձին թարմացնելու համար
csv-error-at-column = տող { $line }, սյունակ '{ $column }'․ { $message }
csv-error-at-line = տող { $line }․ { $message }
csv-basis-needs-status = հիմքը պահանջում է կարգավիճակ նույն տողում
csv-date-needs-status = կարգավիճակի ամսաթիվը պահանջում է կարգավիճակ նույն տողում
csv-only-persons = սա ունեն միայն անձերը․ այս տողը { $kind } է
csv-person-needs-name = անձը անուն է պահանջում ('name', 'names' կամ 'title' սյունակը)
csv-record-needs-title = գրառումը վերնագիր է պահանջում
csv-not-an-id = '{ $text }'-ը գրառման նույնացուցիչ չէ
csv-in-trash = { $id }-ը աղբարկղում է․ նախ վերականգնեք այն
csv-no-name-before-language = '{ $part }'-ում լեզվից առաջ անուն չկա
csv-two-primary = մեկից ավելի անուն է նշված որպես հիմնական (*)
csv-in-part = '{ $part }'-ում․ { $why }
csv-date-and-status = '{ $part }'-ը պետք է լինի ամսաթիվ և կարգավիճակ, օրինակ՝ '2020-10-20 captured (acknowledged)'
csv-cell-count = { $cells } վանդակ, բայց վերնագրում { $columns } սյունակ է
csv-needs-name-column = ֆայլին պետք է 'name', 'names' կամ 'title' սյունակ (կամ 'id'՝ թարմացնելու համար)
date-empty = այն դատարկ է
date-shape = գրեք օրը որպես 2020-09-27, ամիսը՝ 2020-09, տարին՝ 2020
date-year-digits = տարին պետք է չորս թվանշան ունենա
date-year-not-number = տարին թիվ չէ
date-month-digits = ամիսը պետք է լինի մեկ կամ երկու թվանշան
date-day-digits = օրը պետք է լինի մեկ կամ երկու թվանշան
date-month-range = ամիսը պետք է լինի 1-ից 12
date-no-such-day = { $month }-ը { $day }-րդ օր չունի
date-range-backwards = միջակայքն ավարտվում է սկսվելուց առաջ
outside-when = (գրառում { $seq })
outside-describe-changed = { $file }-ը փոխվել է Dossier-ից դուրս{ $when }՝ { $seq } գրառման մեջ մատյանավորված տարբերակից հետո․ այն չի կարող տրամադրվել, մինչև մեկը չընդունի փոփոխությունը ստուգման համար կամ չվերականգնի մատյանավորված տարբերակը
outside-describe-added = { $file }-ը ավելացվել է Dossier-ից դուրս{ $when }․ այն չի կարող տրամադրվել, մինչև մեկը չընդունի այն ստուգման համար

## What a change did, as the core says it

done-exported = { $count } գրառում արտահանվեց { $file }
done-saved-many = Պահվեց { $count } գրառում
done-conflict-resolved = { $field } դաշտի հակասությունը լուծվեց
done-emptied-trash = Աղբարկղը դատարկվեց ({ $count } գրառում)
done-accepted-outside = Ստուգման համար ընդունվեց Dossier-ից դուրս կատարված { $count } փոփոխություն
done-restored-logged = Վերականգնվեց '{ $title }'-ի մատյանավորված տարբերակը
done-saved-recipients = Ստացողները պահվեցին
done-saved-views = Տեսքերը պահվեցին
done-no-changes = Փոփոխություններ չկան
done-logged = Մատյանավորվեց
done-logged-opening = Մատյանավորվեց բացելիս գտնվածը
task-reading-list = Ցուցակի ընթերցում
task-writing-list = Ցուցակի պատրաստում
list-keyboard-name = Ցուցակ․ { $title }
csv-catalogue-closed = Ցուցակը չներմուծվեց և չարտահանվեց․ դրա կատալոգը նախապես փակվեց։

## Encryption

error-locked = { $path }-ը գաղտնագրված է․ այն բացվում է գաղտնաբառով կամ վերականգնման բանալիով։
error-wrong-passphrase = Այդ գաղտնաբառը չի բացում { $path }-ը։ Ստուգեք և նորից փորձեք։
error-wrong-recovery-key = Այդ վերականգնման բանալին չի բացում { $path }-ը։ Ստուգեք և նորից փորձեք։
error-short-passphrase = Գաղտնաբառը պետք է ունենա առնվազն { $count } նիշ․ մի քանի բառը ավելի հեշտ է հիշել և ավելի դժվար՝ գուշակել։

## Unlocking

unlock-heading = Բացել կատալոգը
unlock-passphrase = Գաղտնաբառ
unlock-recovery-key = Վերականգնման բանալի
unlock-use-recovery = Փոխարենը ունեմ տպված վերականգնման բանալին
unlock-button = Բացել
menu-lock = Կողպել

## New encrypted catalogue

newcat-plain = Պարզ՝ չգաղտնագրել (հանրային արխիվ)
newcat-plain-hint = Ով կարող է կարդալ թղթապանակը, կկարդա դրա ամբողջ պարունակությունը։
newcat-passphrase = Գաղտնաբառ
newcat-passphrase-again = Նույն գաղտնաբառը կրկին
newcat-passphrase-hint = Մի քանի բառ, որ միայն դուք գիտեք։ Ոչ ոք, այդ թվում Dossier-ը, չի կարող բացել կատալոգն առանց դրա կամ հաջորդիվ ցուցադրվող վերականգնման բանալու։
newcat-passphrases-differ = Երկու գաղտնաբառերը տարբեր են։
task-creating = Գաղտնագրված կատալոգի ստեղծում
recovery-heading = Վերականգնման բանալին
recovery-explain = Այն բացում է կատալոգը, եթե բոլոր գաղտնաբառերը կորել են։ Այն ցուցադրվում է միայն հիմա․ տպեք կամ գրի առեք այն և պահեք այս համակարգչից առանձին։
recovery-copy = Պատճենել
recovery-written = Ես այն տպել կամ գրի եմ առել
recovery-done = Պատրաստ է

## Idle lock

prefs-lock = Կողպել գաղտնագրված կատալոգը այսքան րոպե անգործությունից հետո
prefs-lock-hint = Կողպումը մոռանում է բանալիները և փակում բացվածը․ գաղտնաբառը կրկին բացում է այն։
prefs-lock-error = Նշեք րոպեների թիվ՝ 1-ից 1440։

## Passphrases

error-item-passphrase = գաղտնաբառ
error-last-passphrase = Սա կատալոգի վերջին գաղտնաբառն է․ ավելացրեք ևս մեկը՝ նախքան այն հեռացնելը (վերականգնման բանալին արտակարգ դեպքերի համար է)։
error-not-encrypted = { $path }-ը գաղտնագրված չէ․ այն գաղտնաբառեր չունի։
error-no-such-passphrase = '{ $label }' պիտակով գաղտնաբառ չկա։
action-keys-changed = Գաղտնաբառերը փոխվել են
action-encrypted = Կատալոգը գաղտնագրվել է
action-decrypted = Կատալոգը վերծանվել է
action-key-rotated = Կատալոգի բանալին փոխարինվել է
action-sync-set-up = Պատրաստվել է համաժամեցման
action-received-by-sync = Ստացվել է այլ համակարգչից
action-merged-by-sync = Միավորվել է այլ համակարգչի փոփոխությունների հետ
action-conflict-resolved = Հակասությունը լուծվել է
action-redacted = Ստեղծվել է խմբագրված պատճեն


## Converting

error-encrypting-interrupted = { $path }-ի գաղտնագրումը ընդհատվել է մինչև ավարտը։ Կրկին գործարկեք `dossier encrypt { $path }` (նոր գաղտնաբառով)՝ այն ավարտելու համար․ ոչինչ չի կորել։
error-decrypting-interrupted = { $path }-ի վերծանումը ընդհատվել է մինչև ավարտը։ Կրկին գործարկեք `dossier decrypt { $path }` (գաղտնաբառով)՝ այն ավարտելու համար․ ոչինչ չի կորել։
error-converting-failed = Հնարավոր չէ փոխակերպել { $path }-ը․ { $reason }

## Sealed files

seal-not-sealed = այն Dossier-ի գաղտնագրված ֆայլ չէ
seal-unknown-format = այն գաղտնագրված է այս Dossier-ին անծանոթ ձևաչափով ({ $version })
seal-tampered = այն չի բացվում այս կատալոգի բանալիով․ այն փոխվել է, կրճատվել, տեղափոխվել է այլ ֆայլի անունից կամ այլ կատալոգից է
seal-chunk-tampered = դրա { $part }-րդ մասը փոխվել, տեղափոխվել կամ փոխարինվել է
seal-truncated = այն կրճատված է․ ավարտվում է { $part }-րդ մասից հետո, և վերջին մասը բացակայում է
seal-no-random = համակարգը պատահական թվեր չտրամադրեց

## Encrypted packages

error-wrong-package-passphrase = Այդ գաղտնաբառը չի բացում { $path } փաթեթը։ Ստուգեք այն ուղարկողի հետ։
error-short-package-passphrase = Փաթեթի գաղտնաբառը պետք է ունենա առնվազն { $count } նիշ (կամ թողեք, որ Dossier-ը ստեղծի այն --encrypt-ով)։

## Encrypted packages in the app

share-encrypt = Գաղտնագրել
share-encrypt-hint = AES-256 zip, որը բացում են 7-Zip-ը կամ Dossier-ը, Dossier-ի ստեղծած գաղտնաբառով․ այն փոխանցում եք ստացողին այլ ճանապարհով (անձամբ, հեռախոսով), երբեք՝ փաթեթի հետ։
share-encrypt-zip-only = Միայն zip ֆայլը կարելի է գաղտնագրել։
share-passphrase-explain = Փաթեթը գաղտնագրված է։ Դրա գաղտնաբառը՝ ստացողին այլ ճանապարհով փոխանցելու համար (անձամբ կամ հեռախոսով, երբեք՝ փաթեթի հետ)․ այն ցուցադրվում է միայն այստեղ՝

## Passphrases dialog

menu-passphrases = Գաղտնաբառեր...
passphrases-heading = Ով կարող է բացել այս կատալոգը
passphrases-hint = Յուրաքանչյուր գաղտնաբառ բացում է կատալոգը։ Պիտակները կարող է կարդալ յուրաքանչյուր ոք, ով ունի թղթապանակը․ օգտագործեք սկզբնատառ կամ դեր, ոչ թե անուն։ Հեռացումը ոչինչ չի վերագաղտնագրում․ ով այն գիտեր, կարող է պահած լինել բանալին (`dossier rotate-key`-ը փակում է նրանց մուտքը)։ Յուրաքանչյուր փոփոխություն գրանցվում է աուդիտի մատյանում։
passphrases-recovery = Տպված վերականգնման բանալին
passphrases-remove = Հեռացնել
passphrases-add-heading = Ավելացնել գաղտնաբառ գործընկերոջ համար (այն մուտքագրում է նա)
passphrases-label = Պիտակ
passphrases-add = Ավելացնել
dialog-close = Փակել
task-wrapping = Նոր գաղտնաբառի պաշտպանում

## Passphrases dialog: change

passphrases-change = Փոխել
passphrases-change-hint = Գաղտնաբառը փոխելու համար նշեք դրա պիտակը և նոր գաղտնաբառը։

## Receiving an encrypted package

package-passphrase-heading = Բացել գաղտնագրված փաթեթը
package-passphrase-hint = Ուղարկողը դրա գաղտնաբառը փոխանցել է այլ ճանապարհով (անձամբ կամ հեռախոսով)։
package-passphrase-open = Բացել

## Receiving into a new catalogue

receive-heading = Ստանալ փաթեթը
receive-explain = Այն դառնում է նոր՝ միայն կարդալու կատալոգ՝ ուղարկվածի արձանագրությունը։ Ինչպես ամեն նոր կատալոգ, այն գաղտնագրված է, եթե այլ բան չընտրեք։
receive-button = Ստանալ

## Sync between desktops
sync-heading = Համաժամեցում
sync-explain = Ընդհանուր թղթապանակ ունեցող համակարգիչները (USB կրիչ, ընդհանուր սկավառակ) միմյանց են ուղարկում իրենց փոփոխությունները։ Երկու համակարգչում փոփոխված գրառումները միավորվում են դաշտ առ դաշտ․ այն, ինչ հնարավոր չէ միավորել, սպասում է «Հակասություններ» բաժնում։
sync-none = Այս կատալոգը դեռ չի համաժամեցվում․ ընտրեք թղթապանակ։
sync-never = երբեք չի համաժամեցվել
sync-last = վերջին համաժամեցումը՝ { $when }
sync-now = Համաժամեցնել հիմա
sync-add-folder = Համաժամեցնել թղթապանակի միջոցով...
sync-wait = Ուղարկվում են այս համակարգչի փոփոխությունները և ստացվում մյուսներինը։ Ավարտից հետո կատալոգը նորից կբացվի։
sync-done = Համաժամեցված է․ ստացված՝ { $received }, ուղարկված՝ { $sent }, միավորված՝ { $merged }, հակասություններ՝ { $conflicts }
sync-folder-added = Այս կատալոգն այժմ համաժամեցվում է { $folder }-ի միջոցով
conflicts-heading = Հակասություններ
conflicts-hint = Դաշտեր, որոնք երկու համակարգիչները փոխել են տարբեր կերպ։ Քանի դեռ չեք ընտրել, գրառումը չի տարածվում։
conflicts-none = Հակասություններ չկան․ բոլոր փոփոխությունները միավորվել են։
conflicts-nothing = (ոչինչ)
conflicts-ours = Այս համակարգիչը ({ $by })
conflicts-theirs = Մյուս համակարգիչը ({ $by })
conflicts-keep = Պահել սա
conflicts-take = Վերցնել սա
conflicts-combined = Միավորված
conflicts-use = Օգտագործել սա
outside-reloading = Գրառումների ֆայլերը սկավառակի վրա փոխվել են Dossier-ից դուրս․ կատալոգը նորից բացվում է
outside-edit-conflict = Ձեր խմբագրած գրառումն այդ ընթացքում փոխվել է սկավառակի վրա․ երկու տարբերակներն էլ պահպանված են, իսկ երկուստեք փոխվածը սպասում է «Հակասություններ» բաժնում
sync-error-no-git = համաժամեցման համար անհրաժեշտ է git, որը տեղադրված չէ այս համակարգչում։ Տեղադրեք այն (Debian կամ Ubuntu՝ `sudo apt install git`, Windows՝ `winget install Git.Git` կամ https://git-scm.com/download/win) և կրկին փորձեք․ Dossier-ի մնացած ամեն ինչ աշխատում է առանց դրա
sync-error-git = git-ը ձախողվեց․ { $said }
sync-error-not-set-up = { $path }-ը դեռ պատրաստված չէ համաժամեցման․ նախ ավելացրեք հեռավոր պահոց (`dossier remote { $path } add NAME URL`)
sync-error-no-remote = '{ $name }' անունով հեռավոր պահոց չկա (տե՛ս `dossier remote PATH list`)
sync-error-unrelated = '{ $remote }' հեռավոր պահոցում այլ կատալոգ է (id { $theirs }, այս մեկինը՝ { $ours })․ երկու անկապ կատալոգներ երբեք չեն համաժամեցվում
sync-error-shared-log = { $file }-ը գրվել է նաև մեկ այլ համակարգչում․ այս թղթապանակը պատճենվել է, ոչ թե կլոնավորվել։ Յուրաքանչյուր համակարգչի պատճենը ստեղծեք `dossier clone URL PATH` հրամանով
sync-error-bad-original = { $path }․ { $reason }․ այն չի վերցվել
error-changed-underneath = այն փոխվել է սկավառակի վրա այն բանից հետո, երբ Dossier-ը կարդացել էր այն (այլ ծրագիր կամ համակարգիչ է գրել)․ պահպանումը կվերագրեր այդ փոփոխությունը, ուստի ոչինչ չի գրվել
error-convert-synced = այն համաժամեցվում է այլ համակարգիչների հետ, և նրանք չէին կարողանա կարդալ այն, ինչ ուղարկում է այս մեկը․ փոփոխությունը կատարեք չհամաժամեցվող կատալոգում (կամ մինչև կլոնավորելը)
sync-error-busy = այլ համակարգիչներ շարունակում էին համաժամեցվել '{ $name }'-ի միջոցով, մինչ այս մեկը փորձում էր ուղարկել․ ստացվածն այստեղ միավորված է․ մի փոքր ուշ կրկին համաժամեցրեք՝ այն ուղարկելու համար
status-synced = Համաժամեցված է՝ { $when }
status-synced-hint = Երբ է այս համակարգիչը վերջին անգամ համաժամեցվել մյուսների հետ (Ֆայլ > Համաժամեցնել...)
attach-view = Դիտել
attach-view-hint = Ցույց տալ նկարը լրիվ չափով, խոշորացմամբ, և ստեղծել խմբագրված պատճեն
attach-view-name = Դիտել { $name }
viewer-title = Դիտում՝ { $name }
viewer-loading = Նկարը բացվում է...
viewer-damaged = նկարը վնասված է․ այն հնարավոր չեղավ վերծանել
viewer-not-picture = դիտարկիչը ցույց է տալիս նկարներ և PDF-ներ. այս ֆայլը { $kind } է․ օգտագործեք «Բացել»՝ այն այլ ծրագրում տեսնելու համար
viewer-no-picture = Նկար չկա․ { $why }
viewer-picture = Նկար
viewer-previous = < Նախորդ
viewer-previous-hint = Գրառման նախորդ ֆայլը (ձախ սլաք)
viewer-next = Հաջորդ >
viewer-next-hint = Գրառման հաջորդ ֆայլը (աջ սլաք)
viewer-position = Ֆայլ { $at }՝ { $of }-ից
viewer-fit = Տեղավորել
viewer-zoom-in = Խոշորացնել (+ կամ պտտել)
viewer-zoom-out = Փոքրացնել (- կամ պտտել)
viewer-graphic = Դաժան բովանդակություն․ մշուշապատ է, մինչև բացեք
viewer-redact = Խմբագրել՝
viewer-tool-look = Տեղաշարժել
viewer-tool-look-hint = Քաշեք՝ նկարը տեղաշարժելու համար
viewer-tool-blur = Մշուշել հատվածը
viewer-tool-blur-hint = Քաշեք այն հատվածի վրայով, որը չպետք է ճանաչվի (դեմք, համարանիշ)․ այն պիքսելացվում է, ապա մշուշվում՝ անվերադարձ
viewer-tool-fill = Սևացնել հատվածը
viewer-tool-fill-hint = Քաշեք այն հատվածի վրայով, որը պետք է ծածկվի․ այն լցվում է սևով
viewer-tool-crop = Կտրել
viewer-tool-crop-hint = Քաշեք այն մասի վրայով, որը պետք է մնա
viewer-faces-suggest = Առաջարկել դեմքեր
viewer-faces-suggest-hint = Փնտրում է դիմացից երևացող դեմքերը և շրջանակում յուրաքանչյուրը. դուք եք որոշում, թե ինչը մշուշել
viewer-faces-finding = Դեմքեր են փնտրվում...
viewer-faces-found =
    { $count ->
        [0] Դեմքեր չեն գտնվել։
        [one] Առաջարկվում է 1 դեմք։
       *[other] Առաջարկվում է { $count } դեմք։
    }
viewer-faces-blur-all = Մշուշել առաջարկված դեմքերը
viewer-faces-dismiss = Փակել
viewer-faces-warning = Միայն առաջարկներ են. շրջված, փոքր, ծածկված կամ վատ լուսավորված դեմքերը բաց են թողնվում։ Նախքան տարածելը ինքներդ ստուգեք ամբողջ նկարը։
viewer-faces-failed = Այս նկարում հնարավոր չեղավ դեմքեր փնտրել։
viewer-previous-record = Նախորդ գրառումը
viewer-previous-record-hint = Ցանկի նախորդ գրառումը, որն ունի դիտելու ֆայլ (Վեր)
viewer-next-record = Հաջորդ գրառումը
viewer-next-record-hint = Ցանկի հաջորդ գրառումը, որն ունի դիտելու ֆայլ (Վար)
viewer-first-record = Սա ցանկի առաջին գրառումն է, որն ունի դիտելու ֆայլ։
viewer-last-record = Սա ցանկի վերջին գրառումն է, որն ունի դիտելու ֆայլ։
viewer-records-hint = Վեր և Վար սլաքները շրջում են ցանկով, Ձախ և Աջ՝ այս գրառման ֆայլերով։
viewer-shape-rectangle = Ուղղանկյուն
viewer-shape-rectangle-hint = Քաշեք մի անկյունից մյուսը
viewer-shape-freehand = Ազատ ձևով
viewer-shape-freehand-hint = Գծեք տարածքի շուրջը՝ կոճակը սեղմած պահելով. եզրագիծը փակվում է, երբ բաց եք թողնում
viewer-marks =
    { $count ->
        [0] Նշված հատված չկա
        [one] Նշված է 1 հատված
       *[other] Նշված է { $count } հատված
    }
viewer-undo-mark = Չեղարկել վերջին նշումը
viewer-copy-label = Պատճենի պիտակը
viewer-save-copy = Պահել խմբագրված պատճենը
viewer-save-copy-hint = Այս գրառմանն ավելացնում է պատճեն՝ նշումները կիրառված և առանց ներդրված մետատվյալների․ բնօրինակը երբեք չի փոխվում
viewer-strip-only = Պատճեն առանց մետատվյալների
viewer-strip-only-hint = Ավելացնում է պատճեն՝ նույն պիքսելներով և առանց ներդրված մետատվյալների (առանց GPS դիրքի, տեսախցիկի և նկարահանման ժամի)
task-redacting = Ստեղծվում է խմբագրված պատճեն
error-redact-closed = Խմբագրված պատճենը ստեղծվեց, բայց նրա գրառումն այլևս բաց չէ․ ոչինչ չավելացվեց
done-redacted = Խմբագրված պատճենը՝ { $name }, ավելացվեց գրառմանը
attach-has-gps = GPS դիրք
attach-has-gps-hint = Ֆայլը պահում է, թե որտեղ է արվել։ Հանրության և TLP:CLEAR կամ TLP:GREEN ստացողների պատճենները գնում են առանց դրա. խմբագրված պատճենը այն երբեք չի պարունակում։
attach-has-serial = Տեսախցիկի սերիական համար
attach-has-serial-hint = Ֆայլը պահում է տեսախցիկի սերիական համարը, որը այն կապում է մեկ սարքի և դրա տիրոջ հետ։ Հանրության պատճենները գնում են առանց դրա. խմբագրված պատճենը այն երբեք չի պարունակում։
details-serial = Տեսախցիկի սերիական համարը
details-every-field =
    { $count ->
        [one] Ներդրված բոլոր դաշտերը (1)՝ EXIF, XMP, IPTC, տեսանյութի պիտակներ
       *[other] Ներդրված բոլոր դաշտերը ({ $count })՝ EXIF, XMP, IPTC, տեսանյութի պիտակներ
    }
viewer-page = Էջ { $at }՝ { $of }-ից
viewer-page-previous = < Էջ
viewer-page-next = Էջ >
