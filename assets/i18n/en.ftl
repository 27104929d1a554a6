# Dossier: the interface in en. Keys are shared by all three files; tests keep them complete.
# TLP labels (TLP:RED, TLP:AMBER...) stay in English in every language, as TLP asks.

## Menus

menu-file = File
menu-new-catalogue = New catalogue...
menu-open = Open...
menu-open-recent = Open recent
menu-no-recent = No recent catalogues
menu-import = Import files...
menu-export-csv = Export the list as CSV...
menu-verify = Verify catalogue
menu-relink = Locate missing originals...
menu-close = Close catalogue
menu-quit = Quit
menu-edit = Edit
menu-undo = Undo
menu-undo-what = Undo: { $what }
menu-redo = Redo
menu-redo-what = Redo: { $what }
menu-new-record = New record
menu-save-now = Save now
menu-move-to-trash = Move to trash
menu-preferences = Preferences...
menu-view = View
menu-records = Records
menu-trash = Trash
menu-problems = Problems ({ $count })
menu-audit-log = Audit log
menu-search = Search
menu-clear-filters = Clear filters
menu-columns = Columns
menu-reset-layout = Reset layout
menu-language = Language
menu-hide-graphic = Hide graphic previews entirely
menu-sharing = Sharing
menu-review-queue = Review queue ({ $count })
menu-share = Share with a recipient...
menu-recipients = Recipients...
menu-sharing-log = Sharing log
menu-receive = Receive a package...
menu-help = Help
menu-shortcuts = Keyboard shortcuts
menu-about = About Dossier

## The main window: toolbar, status bar, record list

toolbar-new-record-hint = Ctrl+N makes one of the kind shown on the left
toolbar-import = Import files...
toolbar-import-hint = Or drop files onto the window
toolbar-trash-hint = Delete key; the trash can be restored from
toolbar-search-hint = Search (Ctrl+F)
toolbar-clear = Clear
toolbar-clear-hint = Clear the search
banner-verified-days = This catalogue was last verified { $days } days ago. Verifying re-checks every original and the audit log.
banner-never-verified = This catalogue has not been verified since its log began { $days } days ago. Verifying re-checks every original and the audit log.
banner-verify-now = Verify now
banner-dismiss = Dismiss
status-saving = Saving...
status-not-saved = Not saved: { $error }
status-editing = Editing...
status-saved = Saved
status-no-catalogue = No catalogue open
status-folder-hint = The catalogue's folder
status-records =
    { $count ->
        [one] { $count } record
       *[other] { $count } records
    }
status-shown = { $shown } of { $total } records shown
status-read-only = Read-only
status-unreadable =
    { $count ->
        [one] { $count } file could not be read
       *[other] { $count } files could not be read
    }
status-retry = Retry
status-undo = Undo
status-undo-hint = Undo this change (Ctrl+Z); the undo is saved and logged too
list-count =
    { $count ->
        [one] { $count } record
       *[other] { $count } records
    }
list-last-changed-first = · last changed first
list-sorted-by = · by { $column } ({ $way })
list-ascending = ascending
list-descending = descending
list-default-order = Last changed first
list-default-order-hint = Back to the first order: the records changed most recently at the top
list-sort-hint = Sort by { $column }; right-click to choose the columns
list-always-shown = Always shown
list-graphic = graphic
list-graphic-hint = Marked: graphic violence
list-basis-hint = Evidence basis: { $basis }
list-empty-heading = This catalogue has no records yet
list-empty-text = Make one with New record (Ctrl+N), or drop files onto the window to import them.
list-no-match-heading = No records match
list-no-match-text = Change the search or the filters on the left.
column-label = Label
column-kind = Kind
column-title = Title
column-status = Status
column-date = Date
column-verification = Verification
column-files = Files
bulk-chosen = { $count } chosen
bulk-label = Label...
bulk-add-tag = Add a tag...
bulk-tag-hint = Tag
bulk-tag-field = Tag for the chosen records
bulk-add = Add
bulk-submit = Submit for review
bulk-trash = Move to trash
bulk-export = Export as CSV...
bulk-clear = Clear the choice
bulk-clear-hint = Escape, or a plain click on a row

## Welcome and Preferences

welcome-heading = Welcome to Dossier
welcome-text = Dossier keeps evidence safe and offline, and records who changed what. Type your name as colleagues should see it on your changes.
welcome-language = Language
welcome-name = Your name
welcome-name-hint = e.g. Anahit Petrosyan
welcome-sample = A copy of the sample catalogue opens so you can look around; it is yours to change.
welcome-continue = Continue
prefs-heading = Preferences
prefs-name-hint = Recorded with every change you make from now on.
prefs-remind = Remind me to verify after (days)
prefs-remind-error = A whole number of days, 1 or more.
prefs-this-catalogue = This catalogue
prefs-two-people = Two people for every approval
prefs-two-people-hint = Whoever submits a record for review may not approve it. Turn off only in a single-person office; the change is logged.
prefs-save = Save
prefs-cancel = Cancel
