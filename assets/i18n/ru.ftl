# Dossier: the interface in ru. Keys are shared by all three files; tests keep them complete.
# TLP labels (TLP:RED, TLP:AMBER...) stay in English in every language, as TLP asks.

## Menus

menu-file = Файл
menu-new-catalogue = Новый каталог...
menu-open = Открыть...
menu-open-recent = Недавние
menu-no-recent = Нет недавних каталогов
menu-import = Импортировать файлы...
menu-export-csv = Экспортировать список в CSV...
menu-verify = Проверить целостность каталога
menu-relink = Найти недостающие оригиналы...
menu-sync = Синхронизация...
menu-close = Закрыть каталог
menu-quit = Выход
menu-edit = Правка
menu-undo = Отменить
menu-undo-what = Отменить: { $what }
menu-redo = Повторить
menu-redo-what = Повторить: { $what }
menu-new-record = Новая запись
menu-save-now = Сохранить сейчас
menu-move-to-trash = Переместить в корзину
menu-preferences = Настройки...
menu-view = Вид
menu-records = Записи
menu-trash = Корзина
menu-problems = Проблемы ({ $count })
menu-audit-log = Журнал аудита
menu-search = Поиск
menu-clear-filters = Сбросить фильтры
menu-columns = Столбцы
menu-reset-layout = Сбросить расположение
menu-language = Язык
menu-hide-graphic = Полностью скрывать превью шокирующих материалов
menu-sharing = Передача
menu-review-queue = Очередь проверки ({ $count })
menu-share = Передать получателю...
menu-recipients = Получатели...
menu-sharing-log = Журнал передачи
menu-receive = Принять пакет...
menu-help = Справка
menu-shortcuts = Сочетания клавиш
menu-about = О программе Dossier

## The main window: toolbar, status bar, record list

toolbar-new-record-hint = Ctrl+N создаёт запись того вида, что выбран слева
toolbar-import = Импортировать файлы...
toolbar-import-hint = Или перетащите файлы в окно
toolbar-trash-hint = Клавиша Delete; из корзины можно восстановить
toolbar-search-hint = Поиск (Ctrl+F)
toolbar-clear = Очистить
toolbar-clear-hint = Очистить поиск
banner-verified-days = Этот каталог последний раз проверялся { $days } дн. назад. Проверка заново сверяет каждый оригинал и журнал аудита.
banner-never-verified = Этот каталог не проверялся с начала журнала, { $days } дн. назад. Проверка заново сверяет каждый оригинал и журнал аудита.
banner-verify-now = Проверить сейчас
banner-dismiss = Закрыть
status-saving = Сохранение...
status-not-saved = Не сохранено: { $error }
status-editing = Редактирование...
status-saved = Сохранено
status-no-catalogue = Каталог не открыт
status-folder-hint = Папка каталога
status-records =
    { $count ->
        [one] { $count } запись
        [few] { $count } записи
       *[many] { $count } записей
    }
status-shown = Показано { $shown } из { $total } записей
status-read-only = Только чтение
status-unreadable =
    { $count ->
        [one] Не удалось прочитать { $count } файл
        [few] Не удалось прочитать { $count } файла
       *[many] Не удалось прочитать { $count } файлов
    }
status-retry = Повторить
status-undo = Отменить
status-undo-hint = Отменить это изменение (Ctrl+Z); отмена тоже сохраняется и записывается в журнал
list-count =
    { $count ->
        [one] { $count } запись
        [few] { $count } записи
       *[many] { $count } записей
    }
list-last-changed-first = · сначала изменённые последними
list-sorted-by = · по столбцу «{ $column }» ({ $way })
list-ascending = по возрастанию
list-descending = по убыванию
list-default-order = Сначала изменённые последними
list-default-order-hint = Вернуться к исходному порядку: недавно изменённые записи сверху
list-sort-hint = Сортировать по столбцу «{ $column }»; правый щелчок — выбор столбцов
list-always-shown = Показывается всегда
list-graphic = шокирующее
list-graphic-hint = Отмечено: сцены жестокого насилия
list-basis-hint = Основание: { $basis }
list-empty-heading = В этом каталоге пока нет записей
list-empty-text = Создайте запись кнопкой «Новая запись» (Ctrl+N) или перетащите файлы в окно, чтобы импортировать их.
list-no-match-heading = Нет подходящих записей
list-no-match-text = Измените поиск или фильтры слева.
column-label = Метка
column-kind = Вид
column-title = Заголовок
column-status = Статус
column-date = Дата
column-verification = Проверка
column-files = Файлы
bulk-chosen = Выбрано: { $count }
bulk-label = Метка...
bulk-add-tag = Добавить тег...
bulk-tag-hint = Тег
bulk-tag-field = Тег для выбранных записей
bulk-add = Добавить
bulk-submit = Отправить на проверку
bulk-trash = Переместить в корзину
bulk-export = Экспортировать в CSV...
bulk-clear = Снять выбор
bulk-clear-hint = Escape или обычный щелчок по строке

## Welcome and Preferences

welcome-heading = Добро пожаловать в Dossier
welcome-text = Dossier хранит доказательства в безопасности и без сети и записывает, кто что изменил. Введите своё имя так, как его должны видеть коллеги в ваших изменениях.
welcome-language = Язык
welcome-name = Ваше имя
welcome-name-hint = например, Анаит Петросян
welcome-sample = Откроется копия образца каталога, чтобы вы могли осмотреться; её можно менять.
welcome-continue = Продолжить
prefs-heading = Настройки
prefs-name-hint = Записывается с каждым вашим изменением отныне.
prefs-remind = Напоминать о проверке через (дней)
prefs-remind-error = Целое число дней, 1 или больше.
prefs-this-catalogue = Этот каталог
prefs-two-people = Два человека для каждого утверждения
prefs-two-people-hint = Тот, кто отправил запись на проверку, не может её утвердить. Отключайте только в офисе из одного человека; изменение записывается в журнал.
prefs-save = Сохранить
prefs-cancel = Отмена

## The words of the catalogue (kinds, statuses, review, verification...)

kind-report = Доклад
kind-statement = Заявление
kind-media = Медиа
kind-person = Лицо
kind-incident = Инцидент
kinds-report = Доклады
kinds-statement = Заявления
kinds-media = Медиа
kinds-person = Лица
kinds-incident = Инциденты
warning-graphic-violence = Жестокое насилие
warning-identifiable-victim = Узнаваемая жертва
warning-minor = Несовершеннолетний
warning-personal-data = Персональные данные
verification-unverified = Не проверено
verification-being-verified = Проверяется
verification-verified = Проверено
verification-disputed = Оспаривается
review-draft = Черновик
review-in-review = На проверке
review-approved = Утверждено
review-changes-requested = Требуются изменения
status-missing = Пропал без вести
status-captured = Захвачен
status-returned = Возвращён
status-died-in-custody = Умер в плену
status-killed = Убит
status-injured = Ранен
status-found-alive = Найден живым
status-remains-identified = Останки опознаны
basis-acknowledged = Признано удерживающим государством
basis-not-acknowledged = Удерживается (твёрдые доказательства), не признано
basis-indirect = Только косвенные сведения
sex-female = Женский
sex-male = Мужской
category-civilian = Гражданское лицо
category-serviceman = Военнослужащий
label-meaning-clear = публично
label-meaning-green = сообщество
label-meaning-amber = по необходимости
label-meaning-amber-strict = только организация-получатель
label-meaning-red = только названные лица
label-means-clear = Публично: можно распространять без ограничений.
label-means-green = Сообщество получателя, не публичные каналы.
label-means-amber = Названные организации и их сотрудники, которым это необходимо.
label-means-amber-strict = Только организация-получатель.
label-means-red = Только названные лица; не покидает комнату.

## The left panel: places, filters and saved views

facets-clear = Сбросить фильтры
facets-review-queue = Очередь проверки ({ $count })
facets-review-queue-reading = Очередь проверки (…)
facets-statistics = Статистика
facets-statistics-hint = Числа и недельный график для текущего списка
facets-duplicates-count = Возможные дубликаты ({ $count })
facets-duplicates = Возможные дубликаты
facets-trash = Корзина ({ $count })
facets-conflicts = Конфликты ({ $count })
facets-all = Все записи ({ $count })
facets-kind-count = { $kind } ({ $count })
facet-status = Статус
facet-basis = Основание
facet-category = Гражданский или военнослужащий
facet-label = Метка
facet-warning = Предупреждение о содержании
facet-verification = Проверка
facet-review = Рецензирование
facet-tags = Теги
facet-dates = Даты
facet-dates-set = Даты (заданы)
facet-from = С
facet-until = По
facet-dates-persons = Лица — по дате их текущего статуса.
views-heading = Сохранённые виды
views-empty = Выберите фильтры ниже и сохраните их как вид.
views-remove = Удалить этот вид
views-save-as = Сохранить как вид...
views-name = Название вида
views-save = Сохранить вид
views-cancel = Отмена

## The record editor

editor-none = Выберите запись в списке, чтобы посмотреть и изменить её, или создайте новую кнопкой «Новая запись» (Ctrl+N). «Справка > Как начать» объясняет, что такое записи, метки, проверка и пакеты.
editor-tab-record = Запись
editor-tab-history = История
editor-history-hint = Цепочка хранения записи из журнала аудита
outside-heading = Изменено вне Dossier
outside-text = Файл этой записи изменён не Dossier (человеком, скриптом, программой синхронизации). Её нельзя передавать, и её утверждение отозвано, пока вы не примете изменение на проверку или не восстановите версию, последней записанную Dossier.
outside-accept = Принять на проверку
outside-restore = Восстановить из копии...
outside-no-version = В журнале этой записи не было: восстанавливать нечего
review-label = Проверка:
review-may-share = можно передавать в пределах метки
review-reviewer = Рецензент: { $comment }
review-withdrawn = Утверждение отозвано: содержание изменилось после утверждения, запись снова на проверке.
review-submit = Отправить на проверку
review-submit-hint = Поставить в очередь проверки
review-own = Вы отправили её, поэтому утверждает другой человек: два человека для каждого утверждения.
review-comment-hint = Комментарий рецензента (записывается, никогда не передаётся)
review-comment = Комментарий рецензента
review-outside-first = Изменено вне Dossier: сначала примите изменение на проверку
review-own-short = Вы отправили её (или изменили на проверке): утверждает другой человек
review-approve = Утвердить
review-approve-hint = Утвердить для передачи; записывается с вашим именем
review-request = Запросить изменения
review-request-first = Сначала напишите, что нужно изменить
review-approved-note = Изменение содержания или метки вернёт её на проверку.
trash-banner = В корзине: восстановите, чтобы изменить.
trash-restore = Восстановить из корзины
trash-read-only = Каталог открыт только для чтения
editor-graphic = Шокирующее
editor-title = Заголовок
editor-full-name = Полное имя
editor-created = Создано { $when }, { $who }
editor-changed = Изменено { $when }, { $who }
editor-id-hint = Идентификатор записи; её файл — records/<id>.json

## The record's fields

field-not-set = Не указано
field-kind = Вид
field-label = Метка
field-place = Место
field-place-hint = напр. Степанакерт; Гадрутский район
field-reported-by = Сообщил
field-author = Автор или издавший орган
field-author-hint = Человек, ведомство или организация
field-language = Язык
field-verification = Проверка
field-coordinates = Координаты
field-coordinates-hint = Широта, долгота, напр. 39.8177, 46.7528
field-not-saved = Не сохранено: { $why }
field-date = Дата
field-warnings = Предупреждения о содержании
field-tags = Теги
field-remove-tag-hint = Удалить тег «{ $tag }»
field-remove-tag = Удалить тег { $tag }
field-new-tag = Новый тег
field-add-tag = Добавить тег
field-source = Источник
field-source-name = Название источника
field-source-name-hint = Канал, издание, свидетель, ведомство
field-how-collected = Как получено
field-description = Описание
field-description-hint = Что это, что говорит, что показывает
field-person = Лицо
field-name-hint = Имя
field-name = Имя { $n }
field-script-of-name = Письмо имени { $n }
field-primary = основное
field-remove-name = Удалить имя { $n }
field-add-name = Добавить имя (другим письмом)
field-birth = Дата рождения
field-sex = Пол
field-residence = Место жительства
field-residence-hint = Город или село
field-category = Категория
field-unit = Воинская часть
field-unit-hint = Воинская часть
field-rank = Звание
field-identifying = Приметы
field-identifying-hint = Приметы, одежда, найденные документы
field-private = Личные заметки
field-private-hint = Никогда не покидает каталог: ни в передачах, ни в экспорте, ни в журналах.
field-private-placeholder = Источники, которые нужно защитить, сомнения, дальнейшие шаги
method-open-source = Открытый источник
method-submitted = Предоставлено
method-field-capture = Полевая съёмка
method-received-from-organisation = Получено от организации
method-other = Другое

## A person's status timeline

timeline-remove-entry = Удалить запись
timeline-remove-entry-n = Удалить запись { $n }
timeline-add = Добавить запись о статусе
timeline-add-hint = Самые новые сведения — в конце; укажите дату
timeline-hint = Текущий статус — последняя запись; записи упорядочиваются по дате при следующем открытии.
timeline-untimed = Записано как «{ $status }» без записи в хронологии.
timeline-put-in = Внести в хронологию
timeline-heading = Хронология статуса
timeline-now = сейчас:
timeline-none = записей пока нет
timeline-entry-date = Запись { $n }: дата
timeline-status = Статус
timeline-basis = Основание
timeline-verification = Проверка
timeline-of-entry = { $what }, запись { $n }
timeline-sources = Источники
timeline-note = Примечание
timeline-note-hint = На чём основана запись
timeline-note-of-entry = Примечание к записи { $n }
timeline-source-not-here = (записи { $id } здесь нет)
timeline-remove-source = Удалить источник { $j } записи { $n }
timeline-link-to-cite = Свяжите доклад или заявление, чтобы сослаться на него здесь
timeline-add-source = Добавить источник...
timeline-add-source-to = Добавить источник к записи { $n }
timeline-chart-now = сейчас
timeline-chart-span = { $status }: с { $from } по { $until }

## Help > Getting started

menu-guide = Как начать
guide-title = Как начать
guide-record-heading = Записи
guide-record = Запись — это одна единица каталога: доклад, заявление, фото или видео, лицо (пленный, пропавший, убитый...) или инцидент. Создайте её кнопкой «Новая запись» (Ctrl+N) или перетащите файлы в окно. Каждое изменение сохраняется само и записывается в журнал аудита с вашим именем.
guide-label-heading = Метки
guide-label = У каждой записи и каждого файла есть метка TLP, которая говорит, кто может их видеть: TLP:CLEAR — все, TLP:GREEN — сообщество получателя, TLP:AMBER — организации, которым это необходимо, TLP:AMBER+STRICT — только организация-получатель, TLP:RED — только названные лица. Новые записи получают TLP:AMBER. Пакет никогда не содержит больше, чем разрешено получателю.
guide-review-heading = Проверка
guide-review = Передавать можно только утверждённые записи. Отправьте запись на проверку, когда она готова; другой человек утверждает её или просит изменений (два человека для каждого утверждения). Изменение утверждённой записи возвращает её на проверку.
guide-package-heading = Пакеты
guide-package = «Передача > Передать получателю» создаёт пакет для одного получателя: только утверждённые записи, чью метку получатель может видеть, с их файлами (шокирующие остаются отмеченными, для публичных получателей удаляются метаданные вроде GPS), манифест с SHA-256 каждого файла и запись в журнале. Получатель может проверить пакет командой dossier share-verify.
guide-close = Закрыть

## About and keyboard shortcuts

about-title = О программе Dossier
about-what = Автономный каталог для чувствительных доказательств нарушений прав человека.
about-tlp = Метки следуют FIRST Traffic Light Protocol 2.0:
about-fonts = Армянский текст набран шрифтом Noto Sans Armenian (SIL Open Font License).
shortcuts-title = Сочетания клавиш
shortcut-new = Новая запись (показанного вида)
shortcut-search = Поиск
shortcut-open = Открыть каталог
shortcut-save = Сохранить сейчас (изменения сохраняются и сами)
shortcut-share = Передать получателю
shortcut-undo = Отменить / повторить последнее изменение
shortcut-move = Предыдущая / следующая запись в списке
shortcut-page = На страницу вверх или вниз, первая или последняя запись
shortcut-choose = Выбрать несколько записей
shortcut-delete = Переместить выбранные записи в корзину
shortcut-escape = Закрыть верхнее окно
shortcut-menu = Открыть меню

## Theme and text size

prefs-theme = Тема
theme-system = Как в системе
theme-light = Светлая
theme-dark = Тёмная
prefs-text-size = Размер текста
size-small = Мелкий
size-normal = Обычный
size-large = Крупный
size-larger = Ещё крупнее
prefs-looks-hint = Применяется сразу, на этом компьютере.

## Importing a list (CSV) and exporting one

menu-import-csv = Импортировать список (CSV)...
csv-import-title = Импорт списка
csv-import-file = Из { $file }
csv-import-summary = Создать: { $create }, обновить: { $update }, без изменений: { $same }, с ошибками: { $errors }
csv-import-blocked = Некоторые строки ошибочны: ничего не будет импортировано, пока их не исправят, если только не импортировать лишь верные строки.
csv-import-skip = Импортировать только верные строки
csv-import-go = Импортировать
csv-import-nothing = Нечего импортировать
csv-import-done = Импортирован { $file }: создано { $create }, обновлено { $update }
csv-export-title = Экспорт в CSV
csv-export-what-chosen = Записывает { $count } выбранных записей в новый файл CSV (в журнал: файл, столбцы, записи).
csv-export-what-list = Записывает показанные в списке записи в новый файл CSV (в журнал: файл, столбцы, записи).
csv-export-columns = Столбцы
csv-export-private = Личные заметки никогда не выгружаются.
csv-export-max-label = Самая строгая метка в файле
csv-export-max-label-hint = Записи с более строгой меткой не попадают в файл, и отчёт говорит, сколько их.
csv-export-go = Экспортировать...
csv-export-no-columns = Выберите хотя бы один столбец
csv-export-cancel = Отмена
csv-export-held-back = Экспортировано записей: { $written } в { $file }; { $held } с меткой выше { $label } не включены.
views-update = Обновить по текущим фильтрам
views-rename = Переименовать...
views-new-name = Новое название вида
views-rename-save = Переименовать
recipients-edit = Изменить
recipients-editing = Изменить: { $name }
recipients-save-changes = Сохранить изменения
recipients-cancel-edit = Отмена

## Trash, review queue, links and possible duplicates

trash-heading = Корзина
trash-hint = Записи отсюда можно восстановить, пока корзина не очищена.
trash-empty-button = Очистить корзину...
trash-is-empty = Корзина пуста.
trash-moved = В корзине с
trash-restore-button = Восстановить
queue-heading = Очередь проверки
queue-hint = Записи, ждущие проверки, — дольше всех ждущие первыми. Передавать можно только утверждённые записи.
queue-empty = Ничто не ждёт проверки.
queue-empty-hint = Запись попадает в очередь, когда кто-то нажимает «Отправить на проверку» в её редакторе.
queue-select-all = Выбрать все ({ $count })
queue-selected = Выбрано: { $count }
queue-comment = Комментарий
queue-comment-hint = Записывается с вашим именем; никогда не передаётся
queue-approve = Утвердить выбранные
queue-approve-hint = Утвердить для передачи; утверждение записывается с вашим именем
queue-outside-first = Некоторые выбранные записи изменены вне Dossier: сначала примите эти изменения
queue-request = Запросить изменения
queue-request-hint = Вернуть с комментарием, что изменить
queue-request-first = Выберите записи и напишите, что изменить
queue-accept-outside = Принять внешние изменения
queue-accept-outside-hint = Записи остаются на проверке в нынешнем виде; записывается в журнал
queue-set-label = Задать метку
queue-waiting-since = Ждёт с
queue-submitted-by = Отправил
queue-select-one = Выбрать { $title }
queue-changed-outside = { $title } (изменено вне Dossier)
queue-accept-first = Примите изменение на проверку, прежде чем утверждать
links-heading = Связи
links-in-trash = (запись в корзине)
links-missing = (нет записи { $id })
links-remove = Удалить связь { $n }
links-kind = Вид связи
links-find = Найти запись для связи
links-no-match = Подходящих записей нет.
links-add = Добавить эту связь
dups-heading = Возможные дубликаты
dups-hint = Лица с одинаковым именем в любом письме (армянском, русском, латинском) и той же или близкой датой рождения. Объединение сохраняет все имена, записи статуса, связи и файлы обоих; дубликат уходит в корзину со своей историей, объединение записывается в журнал.
dups-looking = Ищем возможные дубликаты среди лиц...
dups-looking-again = Каталог изменился: ищем снова...
dups-none = Возможных дубликатов нет.
dups-shown = { $shown } самых похожих пар из { $total }. Объедините или отметьте их, чтобы увидеть следующие.
dups-merge-into = Объединить в «{ $name }»
dups-keep-left = Оставить левую запись; правая уходит в корзину
dups-keep-right = Оставить правую запись; левая уходит в корзину
dups-not-same = Это разные люди
dups-born = род. { $date }
dups-entries = записей статуса: { $count }
dups-merge-pair-left = Объединить пару { $n } в левую
dups-merge-pair-right = Объединить пару { $n } в правую
dups-pair-distinct = Пара { $n } — разные люди

## Small dialogs

newcat-heading = Новый каталог
newcat-title = Название
newcat-title-hint = напр. Пленные 2020: дела
newcat-folder = Папка
newcat-folder-hint = новая или пустая папка
newcat-choose = Выбрать папку...
newcat-where = Куда поместить новый каталог?
newcat-hint = Dossier создаст папку, если её нет.
newcat-create = Создать
newcat-default-name = Новый каталог
path-open = Открыть каталог по пути
path-import = Импортировать файл по пути
path-relink = Искать недостающие оригиналы в папке
path-package = Записать пакет по пути
path-receive = Принять пакет по пути
path-logged = Восстановить записанную версию из копии
path-export-csv = Записать файл CSV по пути
path-import-csv = Импортировать список (CSV) по пути
path-nothing-chosen = Ничего не выбрано. Если окно выбора файла не появилось, на этом компьютере может не быть xdg-desktop-portal или zenity; введите путь.
path-field = Путь
path-go = Перейти
merge-heading = Объединить этих двух людей?
merge-text = «{ $kept }» остаётся. Он получает имена, хронологию, связи и историю «{ $gone }», которая уходит в корзину с отметкой об объединении. Записи, указывавшие на «{ $gone }», будут указывать на «{ $kept }».
merge-undo-hint = Записывается в журнал; «Правка > Отменить» (Ctrl+Z) вернёт обоих как было.
merge-go = Объединить в «{ $kept }»
empty-trash-heading = Очистить корзину?
empty-trash-text =
    { $count ->
        [one] { $count } запись будет удалена навсегда. Это нельзя отменить. Оригиналы вложений остаются в каталоге.
        [few] { $count } записи будут удалены навсегда. Это нельзя отменить. Оригиналы вложений остаются в каталоге.
       *[many] { $count } записей будут удалены навсегда. Это нельзя отменить. Оригиналы вложений остаются в каталоге.
    }
empty-trash-go = Удалить навсегда
unsaved-heading = Некоторые изменения не сохранены
unsaved-text = Если закрыть сейчас, эти изменения пропадут. Всё сохранённое ранее в безопасности.
unsaved-retry = Попробовать снова
unsaved-keep = Не закрывать Dossier
unsaved-close = Закрыть без сохранения
dialog-cancel = Отмена

## Attachments

attach-heading = Вложения
attach-files = Прикрепить файлы...
attach-none = Пока нет. Прикрепите файлы или перетащите их в окно.
attach-reveal = Показать
attach-reveal-hint = Показать это шокирующее изображение только в этом сеансе
attach-reveal-name = Показать { $name }
attach-blur = Снова размыть
attach-effective-label = Действующая метка: более строгая из меток записи и файла
attach-details = Подробности
attach-details-hint = Сведения об импорте, встроенные метаданные и происхождение
attach-details-of = Подробности: { $name }
attach-open = Открыть
attach-open-hint = Открыть программой системы (оригинал остаётся только для чтения)
attach-open-name = Открыть { $name }
attach-remove = Убрать
attach-remove-hint = Убрать из записи; оригинал остаётся в каталоге
attach-remove-name = Убрать { $name }
attach-hidden =
    Шокирующее превью скрыто
    (меню «Вид»)
attach-blurred = Размытое шокирующее превью
attach-preview = Превью
attach-no-preview = Нет превью
attach-no-preview-why = Нет превью: { $why }
attach-file-label = Файл: { $label }
attach-label-of = Метка: { $name }
attach-graphic = Жестокое насилие
attach-graphic-name = { $name } показывает жестокое насилие

## Problems

problems-title = Проблемы
problems-none = Все файлы каталога прочитаны, и журнал аудита учитывает каждый.
problems-copy = Скопировать список
problems-outside = Изменено вне Dossier ({ $count }): ждёт решения
problems-outside-hint = Эти файлы записей изменены, добавлены или возвращены не Dossier (человеком, скриптом, программой синхронизации). Их утверждение отозвано, и их нельзя передавать, пока кто-то не примет изменение на проверку или не восстановит из копии (резервной, с другого компьютера) версию, последней записанную Dossier. И то и другое записывается в журнал.
problems-accept-all = Принять все на проверку
problems-unreadable-record = (нечитаемая запись)
problems-accept-hint = Запись уходит в очередь проверки в нынешнем виде; рецензент должен утвердить её до передачи
problems-restore-hint = Выберите папку (резервную копию, каталог с другого компьютера) с версией, последней записанной Dossier; принимается только копия, чей SHA-256 подтверждает журнал
problems-opening = Найдено и записано при открытии каталога
problems-unreadable = Файлы, которые не удалось прочитать
problems-unreadable-hint = Их записи не показаны. Dossier оставил их как есть: исправьте их (или восстановите из резервной копии) и откройте каталог снова.
problems-line = строка { $line }: 

## Statistics

stats-heading = Статистика
stats-for = для { $count } записей текущего списка (фильтры слева)
stats-dates = Даты: { $from } — { $until } (лица — по дате текущего статуса)
stats-the-start = начало
stats-today = сегодня
stats-no-status = Статуса пока нет
stats-all-persons = Все лица
stats-not-recorded = Не указано
stats-no-basis = Ни у одного статуса в этом списке нет основания.
stats-copy = Копировать
stats-copy-hint = Копировать как текст (через табуляцию, вставляется в таблицу)
stats-copy-name = Копировать «{ $figure }»
stats-no-weeks = В этом списке нет датированных изменений статуса или инцидентов.
stats-per-week = в неделю
stats-incidents = Инциденты
stats-show = Показать эти { $count } ({ $what })
figure-status = Лица по текущему статусу
figure-status-basis = Основание каждого статуса
figure-category = Гражданские и военнослужащие
figure-weeks = Изменения статуса и инциденты по неделям

## The share wizard

share-title = Передать получателю
share-no-recipients = Получателей пока нет. Добавьте организации и людей, с которыми вы делитесь, и наивысшую метку, которую каждый может получать.
share-recipients = Получатели...
share-recipient = Получатель
share-choose = Выбрать...
share-may-receive = может получать до
share-consider = Рассмотреть
share-every-record = Все записи
share-listed = { $count } записей из списка
share-listed-hint = Записи, которые показывают текущий поиск и фильтры
share-selected = Выбранная запись
share-sent-as = Отправляется от имени
share-sent-as-you = вас, по имени (этому получателю сообщают, кто собрал каждый пакет)
share-sent-as-office = { $office } (офис; не ваше имя)
share-choose-first = Выберите получателя, чтобы увидеть, что войдёт в пакет, а что останется.
share-files = Файлы
share-strip = Удалить встроенные метаданные (GPS, серийный номер камеры, время съёмки, имена)
share-strip-default = По умолчанию для публики и получателей TLP:CLEAR или TLP:GREEN. Файлы, чьи метаданные нельзя удалить, остаются.
share-keep-default = По умолчанию для этого получателя: список ниже показывает, что несёт каждый файл.
share-strip-chosen = Ваш выбор для этого пакета; он записывается в журнал.
share-keep-chosen = Отправляется С встроенными метаданными, намеренно: ваш выбор записывается в журнал.
share-goes-in = Войдёт: { $records ->
    [one] { $records } запись
    [few] { $records } записи
   *[many] { $records } записей
}, { $files ->
    [one] { $files } файл
    [few] { $files } файла
   *[many] { $files } файлов
}
share-held = Останется: { $records ->
    [one] { $records } запись
    [few] { $records } записи
   *[many] { $records } записей
}, { $files ->
    [one] { $files } файл
    [few] { $files } файла
   *[many] { $files } файлов
}
share-rule = В пакет входят только утверждённые записи в пределах допуска получателя. Личные заметки, комментарии рецензентов и журнал аудита — никогда; ссылки на оставшиеся записи удаляются без следа.
share-persons = Для лиц передаются: { $shared }. Остаются: { $kept }.
share-goes-in-list = Войдёт ({ $count })
share-nothing = Ничего: все рассматриваемые записи остаются.
share-held-list = Останется ({ $count })
share-files-go = файлов в пакете: { $count }
share-file-held = файл { $name } остаётся: { $reason }
share-file = файл
share-private-stay = личные заметки остаются (никогда не передаются)
share-links-dropped = удалено ссылок на оставшиеся записи: { $count }
share-writing = Пакет записывается
share-cancel = Отмена
share-save-as = Сохранить как
share-zip = файл .zip
share-folder = папку
share-read-only = Каталог только для чтения, а каждая передача должна записываться в журнал
share-nothing-may-go = Этому получателю ничего нельзя передать
share-export = Экспортировать пакет...
share-written = Пакет записан: { $path } (записей: { $records }, { $size }). Каждая передача записана в журнал аудита.
share-show-folder = Показать в папке

## Verification

verify-title = Отчёт о проверке
verify-checked = Проверено: записей { $records }, оригиналов { $originals } ({ $size }) и записей журнала { $entries } за { $seconds } с{ $speed }.
verify-ok = Проблем нет: каждый оригинал совпадает со своим хешем, каждая запись — с журналом, и журнал не нарушен.
verify-problems = Найдено проблем: { $count }
verify-expected = ожидалось: { $what }
verify-found = найдено: { $what }
verify-copy = Скопировать отчёт
verify-locate = Найти недостающие оригиналы...
relink-title = Недостающие оригиналы
relink-none = Недостающих оригиналов нет.
relink-summary = Просмотрено файлов: { $seen }; восстановлено: { $restored }; всё ещё нет: { $missing }.
relink-restored = Восстановлен { $sha } из { $from }
relink-refused = Отклонён { $file }: { $why }
relink-still-missing = Всё ещё нет: { $name } (sha256 { $sha })
relink-logged = Каждое восстановление записано в журнал аудита.

## The audit log and the sharing log

log-title = Журнал аудита
log-count =
    { $count ->
        [one] { $count } запись
        [few] { $count } записи
       *[many] { $count } записей
    }
log-actor = Кто
log-any = любой
log-action = Действие
log-any-action = Любое
log-from = С
log-to = По
log-clear = Сбросить
log-entry = Запись
log-time = Время (UTC)
log-what = Что
log-record = Запись
sharing-title = Журнал передачи
sharing-nothing = Пока ничего не передавалось.
sharing-recipient = Получатель
sharing-all = Все
sharing-by-package = По пакетам
sharing-by-record = По записям
sharing-deleted = (удалённая запись)
sharing-record = Запись
sharing-when = Когда
sharing-package = Пакет
sharing-package-line =
    { $when }  { $recipient }  —  { $count ->
        [one] { $count } запись
        [few] { $count } записи
       *[many] { $count } записей
    }, собрал(а) { $who }
sharing-package-id = Пакет { $id }

## Recipients

recipients-title = Получатели
recipients-hint = Пакеты можно собирать только для этих получателей и только с тем, что позволяет их допуск.
recipients-none = Получателей пока нет. Добавьте первого ниже.
recipients-name = Название
recipients-kind = Вид
recipients-max = Может получать до
recipients-contact = Контакт
recipients-notes = Заметки
recipients-remove = Удалить
recipients-remove-hint = Уже собранные пакеты остаются в журнале передачи
recipients-add-heading = Добавить получателя
recipients-exists = Получатель с таким названием уже есть.
recipients-add = Добавить получателя
recipients-name-hint = напр. Бюро ОБСЕ по демократическим институтам и правам человека
recipients-packages-name = Пакеты называют
recipients-name-sender = того, кто собирает каждый пакет (иначе — только офис)
recipients-office = Пакеты отправляются от имени
recipients-office-save = Сохранить
recipients-office-hint = Записывается в журнал. Если пусто, используется название каталога.

## File details

details-title = Сведения о файле: { $name }
details-import = Записано при импорте
details-original-name = Исходное имя
details-imported-from = Импортировано из
details-size = Размер
details-bytes = { $size } ({ $bytes } байт)
details-type = Тип
details-sha-hint = Любой может проверить, что файл не изменён: sha256sum выводит это значение
details-imported = Импортировано
details-imported-by = { $when }, { $who }
details-working-copy = Рабочая копия
details-read-only = Сохранённый оригинал только для чтения и никогда не меняется.
details-embedded = Встроенные метаданные
details-none = В файле не найдено.
details-pixels = { $w } x { $h } пикселей
details-duration = Длительность
details-captured = Снято (по часам камеры)
details-camera = Камера
details-position = Координаты
details-orientation = Ориентация
details-provenance = Происхождение
details-source = Источник
details-source-hint = URL, канал, свидетель или ведомство
details-source-kind = Вид источника
details-collected-by = Кто собрал
details-collected-by-hint = Кто собрал
details-collected-on = Когда собрано
details-how = Как получено
source-url = Веб-адрес
source-channel = Канал или аккаунт
source-witness = Свидетель
source-agency = Ведомство или организация
source-other = Другое

## What a change did (the status bar, Undo)

done-saved = Сохранено: «{ $title }»
done-trashed-one = «{ $title }» перемещено в корзину
done-trashed =
    { $count ->
        [one] В корзину перемещена { $count } запись
        [few] В корзину перемещены { $count } записи
       *[many] В корзину перемещено { $count } записей
    }
done-restored = Восстановлено: «{ $title }»
done-labelled =
    { $count ->
        [one] { $count } записи присвоена метка { $label }
       *[other] { $count } записям присвоена метка { $label }
    }
done-submitted =
    { $count ->
        [one] На проверку отправлена { $count } запись
        [few] На проверку отправлены { $count } записи
       *[many] На проверку отправлено { $count } записей
    }
done-approved =
    { $count ->
        [one] Утверждена { $count } запись
        [few] Утверждены { $count } записи
       *[many] Утверждено { $count } записей
    }
done-changes-requested =
    { $count ->
        [one] Запрошены изменения для { $count } записи
       *[other] Запрошены изменения для { $count } записей
    }
done-own-waiting =
    ; { $count ->
        [one] { $count } ваша запись ждёт другого человека
        [few] { $count } ваши записи ждут другого человека
       *[many] { $count } ваших записей ждут другого человека
    }
done-tagged =
    { $count ->
        [one] Тег «{ $tag }» добавлен к { $count } записи
       *[other] Тег «{ $tag }» добавлен к { $count } записям
    }
done-created = Создана новая запись: { $kind }
done-merged = «{ $gone }» объединено с «{ $kept }»
done-undone = Отменено: { $what }
done-redone = Повторено: { $what }

## Audit log actions

action-catalogue-created = Каталог создан
action-baseline = Внесено в журнал
action-created = Создано
action-edited = Изменено
action-label-changed = Метка изменена
action-review-changed = Состояние проверки изменено
action-attachment-imported = Вложение импортировано
action-attachment-edited = Вложение изменено
action-attachment-removed = Вложение убрано
action-trashed = Перемещено в корзину
action-restored = Восстановлено из корзины
action-deleted = Удалено навсегда
action-disclosed = Передано
action-verified = Каталог проверен
action-relinked = Недостающий оригинал восстановлен
action-repaired = Восстановлено
action-recipients-changed = Получатели изменены
action-package-received = Пакет принят
action-merged = Объединено с дубликатом
action-exported = Экспортировано
action-changed-outside = Изменено вне Dossier
action-outside-change-accepted = Внешнее изменение принято на проверку
action-logged-version-restored = Записанная версия восстановлена
action-catalogue-changed = Сведения о каталоге изменены

## Why a package holds something back

hold-not-approved = не утверждено ({ $state })
hold-above = метка выше допуска ({ $label } выше { $max })
hold-missing = оригинал файла отсутствует
hold-private = личное: никогда не передаётся
hold-outside = изменено вне Dossier: примите изменение на проверку или восстановите записанную версию
hold-conflict = конфликт между двумя компьютерами ({ $fields }): сначала выберите значение
hold-recipient = получатель ничего не может получить: { $why }
hold-metadata = встроенные метаданные нельзя удалить ({ $kind }), а пакет отправляется без них; чтобы отправить файл, намеренно сохраните метаданные
hold-redacted-copy = вместо него отправляется обезличенная копия { $copy } (оригинал удержан: { $label })

## Errors: what went wrong, said to a person

io-disk-full = диск заполнен. Освободите место и сохраните снова; ничего из сохранённого ранее не потеряно
io-permission-denied = нет доступа. Проверьте, что у вас есть право записи в эту папку
io-read-only-drive = диск доступен только для чтения
io-not-found = его нет (его переместили, удалили или отключили диск?)
io-quota = ваша дисковая квота исчерпана. Освободите место и сохраните снова
io-could-not = Не удалось { $action } { $path }: { $why }
io-action-read = прочитать
io-action-write = записать
io-action-save = сохранить
io-action-create = создать
io-action-delete = удалить
io-action-move = переместить
io-action-open = открыть
io-action-protect = защитить
io-action-search = просмотреть
io-action-store = сохранить в хранилище
io-action-repair = восстановить
io-action-finish = завершить
io-action-name = назвать
io-action-append-log = добавить в журнал аудита
error-item-recipient = получатель
error-item-view = вид
error-folder-missing = Папки { $path } нет. Её переместили или переименовали, или отключён диск?
error-not-a-catalogue = { $path } не является каталогом Dossier: { $reason }
error-cannot-create = Не удаётся создать каталог в { $path }: { $reason }
error-read-only = Этот каталог только для чтения: { $why }. Ничего не изменено.
error-unknown-record = В этом каталоге нет записи { $id }.
error-ambiguous-id = '{ $prefix }' подходит к нескольким записям ({ $count }); укажите идентификатор полнее.
error-not-in-trash = В корзине нет записи { $id }.
error-merge-with-itself = Запись нельзя объединить с самой собой.
error-distinct-from-itself = Нельзя отметить человека как отличного от самого себя: укажите две разные записи.
error-not-a-person = '{ $title }' не является человеком; объединять или различать можно только людей.
error-approve-outside-change = '{ $title }' изменили вне Dossier, и это изменение ещё никто не принял. Сначала примите его на проверку (или восстановите записанную в журнал версию); ничего не утверждено.
error-own-submission = Вы отправили '{ $title }' на проверку (или изменили после этого), поэтому утвердить должен другой человек: этот каталог требует двух людей для каждого утверждения. Офис из одного человека может это отключить (dossier catalogue PATH --two-people off или «Настройки» в приложении).
error-undo-over-outside-change = Запись { $id } с тех пор изменили вне Dossier; это изменение ждёт, пока кто-то его примет или восстановит прежнее, поэтому отмена её не тронула.
error-no-outside-change = У записи { $id } нет изменения извне Dossier, ожидающего решения.
error-no-logged-version = Запись { $id } добавлена вне Dossier, поэтому записанной в журнал версии для восстановления нет. Примите её на проверку или переместите в корзину.
error-not-the-logged-version = { $file } не та версия, что записана в журнале под номером { $seq }: её SHA-256 { $found }, в журнале { $expected }. Ничего не изменено.
error-not-a-record = { $file } не читается как запись: { $problem }
error-other-record = В { $file } запись { $found }, а не { $wanted }. Ничего не изменено.
error-no-title = Каталогу нужно название.
error-unreadable-list = { $path } не удалось прочитать, поэтому он не перезаписывается. Исправьте или переместите его и откройте каталог снова.
error-no-name = Нужно имя ({ $what }).
error-name-taken = Уже есть { $what } с именем '{ $name }'.
error-cannot-import = Не удаётся импортировать { $path }: { $reason }
read-only-requested = он открыт только для чтения
read-only-newer-format = он записан более новой версией Dossier (версия формата { $found }; эта версия Dossier знает версию { $known }), поэтому открыт только для чтения, чтобы сохранить данные той версии. Обновите Dossier, чтобы его редактировать
read-only-open-elsewhere-by = он открыт в другом Dossier ({ $holder }). Закройте его там, чтобы редактировать здесь
read-only-open-elsewhere = он открыт в другом Dossier. Закройте его там, чтобы редактировать здесь
read-only-not-writable = в его папку нельзя записывать ({ $why })
read-only-received = в нём пакет { $package } в полученном виде (составитель: { $sent_by }), он хранится без изменений как свидетельство того, что было отправлено
error-unknown-recipient = Получателя с именем '{ $name }' нет. Сначала добавьте его (dossier recipients PATH add NAME --kind K --max-label L).
error-package-exists = { $path } уже существует. Выберите новое имя: пакет никогда ничего не перезаписывает.
error-original-changed = Оригинал { $name } ({ $path }) больше не совпадает со своим SHA-256 (ожидался { $expected }, найден { $found }). Ничего не выгружено; запустите проверку.
error-record-changed-on-disk = { $path } изменился на диске после того, как пакет был составлен (SHA-256 { $found }, при составлении { $expected }): его изменили вне Dossier, и в таком виде он не проверен. Ничего не записано; откройте каталог снова, чтобы изменение попало в журнал и было задержано.
error-cannot-strip = { $name } не удалось скопировать без встроенных метаданных ({ $reason }). Ничего не записано; сознательно оставьте метаданные, чтобы отправить файл как есть, или не включайте его.
error-recipient-refused = Ничего не передано: { $why }
error-export-cancelled = Выгрузка отменена; ничего не записано и ничего не занесено в журнал.
error-not-a-package = { $path } не является пакетом Dossier: { $reason }
error-unsafe-entry = { $path } отклонён: элемент '{ $entry }' { $reason }. Ничего не распаковано.
error-package-too-large = { $path } больше, чем принимает Dossier: { $what }. Ничего не получено.
error-no-room = На диске { $path } не хватает места, чтобы принять этот пакет: нужно { $needed }, свободно { $free }. Освободите место или примите его в каталог на другом диске; ничего не получено.
error-fails-verification =
    { $path } не проходит проверку, поэтому не принят:
    { $problems }
error-csv-not-utf8 = { $file } не является текстом UTF-8 (байт { $byte }); сохраните его из электронной таблицы как «CSV UTF-8»
error-csv-header = { $file }: не удалось прочитать строку заголовков: { $reason }
error-csv-exists = { $path } уже существует; выберите новое имя файла
error-unknown-column = '{ $column }' не является столбцом; используйте любой из: { $keys }
error-no-columns = выберите хотя бы один столбец

## Messages of the app: tasks, pickers, history

task-not-started = Не удалось начать: { $task }: { $why }
task-stopped = { $task }: работа неожиданно остановилась. Ничего из уже сделанного не потеряно; попробуйте снова.
task-duplicates = Поиск дубликатов
task-search = Поиск
task-opening = Открытие каталога
task-importing = Импорт файлов
task-verifying = Проверка
task-syncing = Синхронизация
task-relinking = Поиск оригиналов
task-sharing = Запись пакета
task-receiving = Получение пакета
task-finding-version = Поиск записанной в журнале версии
busy-opening = Открытие
busy-verifying = Проверка
busy-reading-records = Чтение записей: { $done } из { $total }
reading-records-held = Записи ещё читаются ({ $done } из { $total }): это будет сделано, как только все они будут прочитаны.
busy-importing = Импорт файла { $done } из { $count }
busy-relinking =
    Поиск оригиналов: { $count ->
        [one] { $count } файл
        [few] { $count } файла
       *[many] { $count } файлов
    }
busy-previews =
    Создание { $count ->
        [one] { $count } эскиза
       *[other] { $count } эскизов
    }
error-open-file = Не удалось открыть файл: { $why }
error-original-missing = Оригинала '{ $name }' нет: { $path } не существует.
error-no-program = Ни одна программа на этом компьютере не смогла открыть '{ $name }'. Оригинал: { $path }
error-no-logged-copy = Копия этой записи в том виде, в каком её записал в журнал Dossier (SHA-256 { $sha }), в { $folder } не найдена. Ничего не изменено.
error-import-needs-catalogue = Прежде чем импортировать файлы, откройте каталог.
error-verify-stopped = Проверка остановлена: { $why }
error-sync = Синхронизация остановлена: { $why }
done-logged-verification = Проверка записана в журнал
done-shared =
    { $recipient }: { $count ->
        [one] передана { $count } запись
        [few] переданы { $count } записи
       *[many] передано { $count } записей
    }
done-received = Получен пакет { $package }: записей { $count }, файлов { $files }. Он открывается только для чтения в { $folder }.
error-not-received = Пакет не получен: { $why }
error-import-record-gone = { $path }: записи, для которой он предназначался, больше нет
done-imported =
    { $count ->
        [one] Импортирован { $count } файл
        [few] Импортировано { $count } файла
       *[many] Импортировано { $count } файлов
    }
done-imported-some-known = Импортировано файлов: { $count } ({ $already } уже были в каталоге: связаны с хранящимся оригиналом, а не сохранены повторно)
error-sample = Не удалось подготовить пример каталога: { $why }
history-reading = Чтение журнала аудита для этой записи…
history-unreadable = Журнал аудита не читается, поэтому историю этой записи нельзя показать: { $why }
history-nothing = Для этой записи в журнале ещё ничего нет.
history-intro = Изменений: { $count } (записей в журнале аудита: { $entries }), сначала новые. Каждая запись журнала называет SHA-256 файла записи, который она оставила.
history-each-save = Каждое сохранение
history-file-sha = sha256 файла { $sha }
history-entry-hashes =
    Хеш этой записи: { $hash }
    Предыдущая запись: { $prev }
history-entry-line = запись { $seq }  хеш { $hash }
history-burst-line = { $from } - { $to }, { $who } (сохранений: { $count })
log-empty = (пусто)
log-field-change = { $field }: { $from } -> { $to }
log-field-set = { $field }: { $to }
log-field-named = { $field }: изменено (длинный текст; журнал не хранит копию)
log-changed-fields = изменены: { $fields }
log-when-who = { $when }, { $who }
error-no-display =
    Окну Dossier нужен графический рабочий стол, а его не нашлось (не задан ни DISPLAY, ни WAYLAND_DISPLAY).
    Инструменты командной строки работают и без него: см. `dossier --help`.
error-no-window = Dossier не смог открыть окно: { $why }
date-field-help = День, месяц или год, или диапазон через '..'. Добавьте ?, если не уверены, ~, если примерно.
date-not-saved = Не сохранено: { $why }
date-not-a-day = '{ $text }' не дата; пишите так: 2020-09-27
preview-no-thread = Нет эскиза: Dossier не смог запустить поток для его создания.
preview-cannot = Не удаётся показать эскиз этого файла: { $why }
nothing-open = Ни один каталог не открыт
nothing-open-hint = Откройте папку каталога или создайте новый в меню «Файл».
nothing-open-choose = Открыть каталог...
nothing-open-sample = Открыть пример каталога
opening-folder = Открывается { $path }
opening-after-records = Записи прочитаны; проверяется журнал аудита и строится поисковый индекс
done-distinct = Отмечены как разные люди
done-view-saved = Вид '{ $name }' сохранён
done-view-removed = Вид '{ $name }' удалён
done-view-renamed = Вид '{ $from }' переименован в '{ $to }'
done-saved-failed = Сохранены изменения, которые не удалось сохранить раньше
attachment-sha-hover = SHA-256 оригинала: { $sha }
recipient-receives-nothing = { $name } (ничего не получает)
pick-catalogue = Открыть папку каталога Dossier
pick-import-files = Импортировать файлы в каталог
pick-relink-folder = Где могут быть недостающие оригиналы? (папка или диск)
pick-sync-folder = Папка для синхронизации (USB-накопитель или общий диск)
pick-csv-destination = Выгрузить в CSV: новый файл
pick-csv-import = Импортировать список (CSV)
pick-logged-version = Папка с копией этой записи (резервная копия, другой компьютер)
error-no-logged-version-here = У этой записи нет записанной в журнал версии для восстановления: вместо этого примите её на проверку.
pick-package-to-receive = Принять пакет от другого офиса (.zip)
pick-filter-package = Пакет Dossier
package-file-name = Пакет Dossier для { $recipient } { $date }
pick-package-zip = Сохранить пакет как файл .zip
pick-package-folder = Назовите новую папку пакета
pick-filter-zip = Архив zip

## The package report (index.html), link kinds, recipient kinds, file classes

report-title = { $label } — пакет для { $recipient }
report-package = Пакет { $id }
report-heading = Пакет доказательств для { $recipient }
report-highest = Самая строгая метка в этом пакете: { $label }. { $means }
report-custody = журнал хранения отправителя стоял на записи { $entries }, хеш { $hash }: сохраните это, и отправитель сможет позже доказать, что с тех пор в его журнал только добавляли
report-recipient = Получатель
report-recipient-is = { $name } ({ $kind }; может получать до { $max })
report-made = Составлен
report-made-by = { $when }, { $who }
report-records = Записи
report-files = Файлы
report-package-id = Идентификатор пакета
report-chain = Цепочка хранения
report-files-note = Каждый файл со своим SHA-256 указан в manifest.json; записи — в records.json, люди — в persons.csv. Обращайтесь с каждой страницей так, как велит метка вверху.
report-contents = Содержание
report-field-label = Метка записи
report-field-author = Автор / кем выпущено
report-field-url = URL источника
report-field-method = Как получено
report-field-names = Имена
report-field-status = Статус
report-field-basis = Доказательная основа
report-field-category = Гражданский или военнослужащий
report-field-id = Идентификатор записи
report-related = Связанные записи
report-timeline = Хронология статуса
report-sources = Источники
report-note = Примечание
report-graphic = Жестокое содержание: нажмите, чтобы показать
report-captured = Снято { $when }
link-mentions = упоминает
link-documents = документирует
link-issued-by = выпущено
link-about-person = о человеке
link-appeals-to = обращение к
link-part-of = часть
link-related-to = связано с
link-victim = пострадавший
link-witness = свидетель
link-perpetrator = исполнитель (назван в источнике)
recipient-kind-government = Государственный орган
recipient-kind-international = Международная организация
recipient-kind-ngo = НКО
recipient-kind-mediator = Посредник
recipient-kind-public = Общественность
media-photo = Фото
media-video = Видео
media-audio = Аудио
media-document = Документ
media-other = Файл

## Lists (CSV import and export)

csv-line-create = строка { $line }: создать ({ $kind }) '{ $name }'
csv-line-update = строка { $line }: обновить '{ $name }' ({ $id }): { $changes }
csv-line-same = строка { $line }: '{ $name }' ({ $id }) без изменений
csv-line-error = ошибка: { $error }
csv-not-valid = недопустимый CSV: { $why }
csv-unknown-column = неизвестный столбец; столбцы: { $keys }
csv-same-record = та же запись, что в строке { $first }
csv-duplicate-line = дубликат строки { $first } ('{ $name }')
csv-already-known = '{ $name }' уже есть в каталоге ({ $id }); добавьте столбец id, чтобы обновить этого человека
csv-error-at-column = строка { $line }, столбец '{ $column }': { $message }
csv-error-at-line = строка { $line }: { $message }
csv-basis-needs-status = для основы нужен статус в той же строке
csv-date-needs-status = для даты статуса нужен статус в той же строке
csv-only-persons = это есть только у людей; эта строка — { $kind }
csv-person-needs-name = человеку нужно имя (столбец 'name', 'names' или 'title')
csv-record-needs-title = записи нужен заголовок
csv-not-an-id = '{ $text }' не является идентификатором записи
csv-in-trash = { $id } в корзине; сначала восстановите её
csv-no-name-before-language = в '{ $part }' нет имени перед языком
csv-two-primary = основным (*) отмечено больше одного имени
csv-in-part = в '{ $part }': { $why }
csv-date-and-status = '{ $part }' должно быть датой и статусом, например '2020-10-20 captured (acknowledged)'
csv-cell-count = ячеек: { $cells }, а в заголовке столбцов: { $columns }
csv-needs-name-column = в файле нужен столбец 'name', 'names' или 'title' (или 'id' для обновления)
date-empty = пусто
date-shape = пишите день как 2020-09-27, месяц как 2020-09, год как 2020
date-year-digits = в годе должно быть четыре цифры
date-year-not-number = год не является числом
date-month-digits = месяц должен быть одной или двумя цифрами
date-day-digits = день должен быть одной или двумя цифрами
date-month-range = месяц должен быть от 1 до 12
date-no-such-day = в { $month } нет { $day }-го числа
date-range-backwards = диапазон заканчивается раньше, чем начинается
outside-when = (запись { $seq })
outside-describe-changed = { $file } изменён вне Dossier{ $when } после версии, записанной в журнал под номером { $seq }; им нельзя поделиться, пока кто-то не примет изменение на проверку или не восстановит записанную версию
outside-describe-added = { $file } добавлен вне Dossier{ $when }; им нельзя поделиться, пока кто-то не примет его на проверку

## What a change did, as the core says it

done-exported = Выгружено записей: { $count }, в { $file }
done-saved-many = Сохранено записей: { $count }
done-conflict-resolved = Конфликт в поле { $field } разрешён
done-emptied-trash = Корзина очищена (записей: { $count })
done-accepted-outside = Принято на проверку изменений извне: { $count }
done-restored-logged = Восстановлена записанная в журнал версия '{ $title }'
done-saved-recipients = Получатели сохранены
done-saved-views = Виды сохранены
done-no-changes = Без изменений
done-logged = Записано в журнал
done-logged-opening = Записано в журнал, что было найдено при открытии
task-reading-list = Чтение списка
task-writing-list = Подготовка списка
list-keyboard-name = Список: { $title }
csv-catalogue-closed = Список не импортирован и не выгружен: его каталог успели закрыть.

## Encryption

error-locked = Каталог { $path } зашифрован: он открывается паролем или ключом восстановления.
error-wrong-passphrase = Этот пароль не открывает { $path }. Проверьте его и попробуйте снова.
error-wrong-recovery-key = Этот ключ восстановления не открывает { $path }. Проверьте его и попробуйте снова.
error-short-passphrase = Пароль должен содержать не менее { $count } символов; несколько слов легче запомнить и труднее угадать.

## Unlocking

unlock-heading = Разблокировать каталог
unlock-passphrase = Пароль
unlock-recovery-key = Ключ восстановления
unlock-use-recovery = Вместо пароля у меня есть распечатанный ключ восстановления
unlock-button = Разблокировать
menu-lock = Заблокировать

## New encrypted catalogue

newcat-plain = Обычный: не шифровать (публичный архив)
newcat-plain-hint = Любой, кто может прочитать папку, прочитает всё её содержимое.
newcat-passphrase = Пароль
newcat-passphrase-again = Тот же пароль ещё раз
newcat-passphrase-hint = Несколько слов, которые знаете только вы. Никто, включая Dossier, не сможет открыть каталог без пароля или ключа восстановления, который будет показан далее.
newcat-passphrases-differ = Пароли не совпадают.
task-creating = Создание зашифрованного каталога
recovery-heading = Ключ восстановления
recovery-explain = Он открывает каталог, если все пароли утеряны. Он показан только сейчас: распечатайте или запишите его и храните отдельно от этого компьютера.
recovery-copy = Копировать
recovery-written = Я распечатал(а) или записал(а) его
recovery-done = Готово

## Idle lock

prefs-lock = Блокировать зашифрованный каталог после стольких минут бездействия
prefs-lock-hint = Блокировка забывает ключи и закрывает открытое; пароль открывает каталог снова.
prefs-lock-error = Укажите число минут от 1 до 1440.

## Passphrases

error-item-passphrase = пароль
error-last-passphrase = Это последний пароль каталога: добавьте другой, прежде чем удалять его (ключ восстановления — для крайних случаев).
error-not-encrypted = Каталог { $path } не зашифрован: у него нет паролей.
error-no-such-passphrase = Пароля с меткой «{ $label }» нет.
action-keys-changed = Пароли изменены
action-encrypted = Каталог зашифрован
action-decrypted = Каталог расшифрован
action-key-rotated = Ключ каталога заменён
action-sync-set-up = Настроена синхронизация
action-received-by-sync = Получено с другого компьютера
action-merged-by-sync = Объединено с изменениями другого компьютера
action-conflict-resolved = Конфликт разрешён
action-redacted = Создана обезличенная копия


## Converting

error-encrypting-interrupted = Шифрование { $path } было прервано. Запустите `dossier encrypt { $path }` снова (с новым паролем), чтобы завершить его; ничего не потеряно.
error-decrypting-interrupted = Расшифровка { $path } была прервана. Запустите `dossier decrypt { $path }` снова (с паролем), чтобы завершить её; ничего не потеряно.
error-converting-failed = Не удаётся преобразовать { $path }: { $reason }

## Sealed files

seal-not-sealed = это не зашифрованный файл Dossier
seal-unknown-format = он зашифрован в формате, которого эта версия Dossier не знает ({ $version })
seal-tampered = он не открывается ключом этого каталога: его изменили, обрезали, переместили из-под другого имени или он из другого каталога
seal-chunk-tampered = часть { $part } изменена, перемещена или подменена
seal-truncated = он обрезан: заканчивается после части { $part }, последней части нет
seal-no-random = система не выдала случайных чисел

## Encrypted packages

error-wrong-package-passphrase = Этот пароль не открывает пакет { $path }. Уточните его у отправителя.
error-short-package-passphrase = Пароль пакета должен содержать не менее { $count } символов (или пусть Dossier создаст его с --encrypt).

## Encrypted packages in the app

share-encrypt = Зашифровать
share-encrypt-hint = Zip-архив AES-256, который открывают 7-Zip или Dossier, под паролем, созданным Dossier; вы передаёте его получателю другим путём (лично, по телефону), никогда вместе с пакетом.
share-encrypt-zip-only = Зашифровать можно только zip-файл.
share-passphrase-explain = Пакет зашифрован. Его пароль, чтобы передать получателю другим путём (лично или по телефону; никогда вместе с пакетом); он показан только здесь:

## Passphrases dialog

menu-passphrases = Пароли...
passphrases-heading = Кто может открыть этот каталог
passphrases-hint = Каждый пароль открывает каталог. Метки может прочитать любой, у кого есть папка: используйте инициалы или роль, а не имя. Удаление ничего не перешифровывает: тот, кто знал пароль, мог сохранить ключ (`dossier rotate-key` закрывает ему доступ). Каждое изменение записано в журнал аудита.
passphrases-recovery = Распечатанный ключ восстановления
passphrases-remove = Удалить
passphrases-add-heading = Добавить пароль для коллеги (его вводит коллега)
passphrases-label = Метка
passphrases-add = Добавить
dialog-close = Закрыть
task-wrapping = Защита нового пароля

## Passphrases dialog: change

passphrases-change = Изменить
passphrases-change-hint = Чтобы изменить пароль, укажите его метку и новый пароль.

## Receiving an encrypted package

package-passphrase-heading = Открыть зашифрованный пакет
package-passphrase-hint = Отправитель передал пароль другим путём (лично или по телефону).
package-passphrase-open = Открыть

## Receiving into a new catalogue

receive-heading = Получить пакет
receive-explain = Он станет новым каталогом только для чтения — записью того, что было отправлено. Как и любой новый каталог, он зашифрован, если вы не выберете иное.
receive-button = Получить

## Sync between desktops
sync-heading = Синхронизация
sync-explain = Компьютеры с общей папкой (USB-накопитель, общий диск) передают друг другу свои изменения. Записи, изменённые на двух компьютерах, объединяются по полям; то, что объединить нельзя, ждёт в разделе «Конфликты».
sync-none = Этот каталог ещё не синхронизируется: выберите папку.
sync-never = ещё не синхронизировался
sync-last = последняя синхронизация: { $when }
sync-now = Синхронизировать сейчас
sync-add-folder = Синхронизировать через папку...
sync-wait = Изменения этого компьютера отправляются, изменения других принимаются. Когда всё закончится, каталог откроется заново.
sync-done = Синхронизировано: получено { $received }, отправлено { $sent }, объединено { $merged }, конфликтов { $conflicts }
sync-folder-added = Теперь каталог синхронизируется через { $folder }
conflicts-heading = Конфликты
conflicts-hint = Поля, которые два компьютера изменили по-разному. Пока вы не выберете, запись не передаётся.
conflicts-none = Конфликтов нет: все изменения объединены.
conflicts-nothing = (ничего)
conflicts-ours = Этот компьютер ({ $by })
conflicts-theirs = Другой компьютер ({ $by })
conflicts-keep = Оставить это
conflicts-take = Взять это
conflicts-combined = Вместе
conflicts-use = Использовать это
outside-reloading = Файлы записей изменены на диске вне Dossier: каталог открывается заново
outside-edit-conflict = Запись, которую вы редактировали, тем временем изменилась на диске: обе версии сохранены, а то, что изменили обе стороны, ждёт в разделе «Конфликты»
sync-error-no-git = для синхронизации нужен git, а он не установлен на этом компьютере. Установите его (Debian или Ubuntu: `sudo apt install git`; Windows: `winget install Git.Git` или https://git-scm.com/download/win) и повторите; всё остальное в Dossier работает и без него
sync-error-git = ошибка git: { $said }
sync-error-not-set-up = { $path } ещё не настроен для синхронизации: сначала добавьте удалённое хранилище (`dossier remote { $path } add NAME URL`)
sync-error-no-remote = удалённого хранилища '{ $name }' нет (см. `dossier remote PATH list`)
sync-error-unrelated = в удалённом хранилище '{ $remote }' другой каталог (id { $theirs }, у этого { $ours }): два несвязанных каталога не синхронизируются
sync-error-shared-log = { $file } записывался и на другом компьютере: эту папку скопировали, а не клонировали. Делайте копию для каждого компьютера командой `dossier clone URL PATH`
sync-error-bad-original = { $path }: { $reason }; файл не принят
error-changed-underneath = файл изменился на диске после того, как Dossier его прочитал (его записала другая программа или другой компьютер): сохранение затёрло бы это изменение, поэтому ничего не записано
error-convert-synced = он синхронизируется с другими компьютерами, и они не смогли бы прочитать то, что отправляет этот; сделайте это с каталогом, который не синхронизируется (или до того, как его клонируют)
sync-error-busy = другие компьютеры продолжали синхронизироваться через '{ $name }', пока этот пытался отправить: полученное здесь объединено; синхронизируйте ещё раз чуть позже, чтобы отправить
status-synced = Синхронизировано: { $when }
status-synced-hint = Когда этот компьютер последний раз синхронизировался с другими (Файл > Синхронизация...)
attach-view = Просмотр
attach-view-hint = Показать изображение в полном размере, с увеличением, и сделать обезличенную копию
attach-view-name = Просмотр { $name }
viewer-title = Просмотр: { $name }
viewer-loading = Изображение открывается...
viewer-damaged = изображение повреждено: декодер не смог его прочитать
viewer-not-picture = просмотр показывает изображения и PDF; этот файл — { $kind }: откройте его в другой программе кнопкой «Открыть»
viewer-no-picture = Нет изображения: { $why }
viewer-picture = Изображение
viewer-previous = < Предыдущий
viewer-previous-hint = Предыдущий файл записи (стрелка влево)
viewer-next = Следующий >
viewer-next-hint = Следующий файл записи (стрелка вправо)
viewer-position = Файл { $at } из { $of }
viewer-fit = По размеру
viewer-zoom-in = Увеличить (+ или прокрутка)
viewer-zoom-out = Уменьшить (- или прокрутка)
viewer-graphic = Жестокое содержание: размыто, пока вы его не откроете
viewer-redact = Обезличить:
viewer-tool-look = Перемещать
viewer-tool-look-hint = Перетаскивайте, чтобы сдвинуть изображение
viewer-tool-blur = Размыть область
viewer-tool-blur-hint = Выделите то, что нельзя узнать (лицо, номер): область пикселизуется, затем размывается без возможности восстановления
viewer-tool-fill = Закрасить область
viewer-tool-fill-hint = Выделите то, что нужно закрыть: область заливается чёрным
viewer-tool-crop = Обрезать
viewer-tool-crop-hint = Выделите часть, которую нужно оставить
viewer-faces-suggest = Найти лица
viewer-faces-suggest-hint = Ищет лица, видимые спереди, и обводит каждое рамкой; что размыть, решаете вы
viewer-faces-finding = Поиск лиц...
viewer-faces-found =
    { $count ->
        [0] Лица не найдены.
        [one] Предложено { $count } лицо.
        [few] Предложено { $count } лица.
       *[many] Предложено { $count } лиц.
    }
viewer-faces-blur-all = Размыть предложенные лица
viewer-faces-dismiss = Скрыть
viewer-faces-warning = Это только подсказки: отвёрнутые, мелкие, закрытые или плохо освещённые лица пропускаются. Прежде чем делиться снимком, просмотрите его целиком сами.
viewer-faces-failed = В этом снимке не удалось искать лица.
viewer-previous-record = Предыдущая запись
viewer-previous-record-hint = Предыдущая запись списка, в которой есть файл для просмотра (Вверх)
viewer-next-record = Следующая запись
viewer-next-record-hint = Следующая запись списка, в которой есть файл для просмотра (Вниз)
viewer-first-record = Это первая запись списка с файлом для просмотра.
viewer-last-record = Это последняя запись списка с файлом для просмотра.
viewer-records-hint = Вверх и Вниз — по списку; Влево и Вправо — по файлам этой записи.
viewer-shape-rectangle = Прямоугольник
viewer-shape-rectangle-hint = Протяните от одного угла к другому
viewer-shape-freehand = От руки
viewer-shape-freehand-hint = Обведите область, удерживая кнопку; контур замкнётся, когда вы её отпустите
viewer-marks =
    { $count ->
        [0] Области не отмечены
        [one] Отмечена { $count } область
        [few] Отмечены { $count } области
       *[many] Отмечено { $count } областей
    }
viewer-undo-mark = Отменить последнюю отметку
viewer-copy-label = Метка копии
viewer-save-copy = Сохранить обезличенную копию
viewer-save-copy-hint = Добавляет к записи копию с применёнными отметками и без встроенных метаданных; оригинал никогда не меняется
viewer-strip-only = Копия без метаданных
viewer-strip-only-hint = Добавляет копию с теми же пикселями и без встроенных метаданных (без GPS-координат, камеры и времени съёмки)
task-redacting = Создаётся обезличенная копия
error-redact-closed = Обезличенная копия создана, но её запись больше не открыта: ничего не добавлено
done-redacted = Обезличенная копия { $name } добавлена к записи
attach-has-gps = GPS-координаты
attach-has-gps-hint = Файл хранит место съёмки. Копии для публики и получателей TLP:CLEAR или TLP:GREEN уходят без него; обезличенная копия его никогда не содержит.
attach-has-serial = Серийный номер камеры
attach-has-serial-hint = Файл хранит серийный номер камеры, который связывает его с одним устройством и его владельцем. Копии для публики уходят без него; обезличенная копия его никогда не содержит.
details-serial = Серийный номер камеры
details-every-field =
    { $count ->
        [one] Все встроенные поля ({ $count }): EXIF, XMP, IPTC, теги видео
        [few] Все встроенные поля ({ $count }): EXIF, XMP, IPTC, теги видео
       *[many] Все встроенные поля ({ $count }): EXIF, XMP, IPTC, теги видео
    }
viewer-page = Страница { $at } из { $of }
viewer-page-previous = < Страница
viewer-page-next = Страница >
