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
