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
menu-sync = Sync...
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

## The words of the catalogue (kinds, statuses, review, verification...)

kind-report = Report
kind-statement = Statement
kind-media = Media
kind-person = Person
kind-incident = Incident
kinds-report = Reports
kinds-statement = Statements
kinds-media = Media
kinds-person = Persons
kinds-incident = Incidents
warning-graphic-violence = Graphic violence
warning-identifiable-victim = Identifiable victim
warning-minor = Minor
warning-personal-data = Personal data
verification-unverified = Unverified
verification-being-verified = Being verified
verification-verified = Verified
verification-disputed = Disputed
review-draft = Draft
review-in-review = In review
review-approved = Approved
review-changes-requested = Changes requested
status-missing = Missing
status-captured = Captured
status-returned = Returned
status-died-in-custody = Died in custody
status-killed = Killed
status-injured = Injured
status-found-alive = Found alive
status-remains-identified = Remains identified
basis-acknowledged = Acknowledged by the detaining state
basis-not-acknowledged = Held (hard evidence), not acknowledged
basis-indirect = Indirect information only
sex-female = Female
sex-male = Male
category-civilian = Civilian
category-serviceman = Serviceman
label-meaning-clear = public
label-meaning-green = community
label-meaning-amber = need to know
label-meaning-amber-strict = recipient organisation only
label-meaning-red = named people only
label-means-clear = Public: may be shared without limit.
label-means-green = The recipient's community, not public channels.
label-means-amber = Named organisations and their staff who need to know.
label-means-amber-strict = The recipient organisation only.
label-means-red = Named people only; it never leaves the room.

## The left panel: places, filters and saved views

facets-clear = Clear filters
facets-review-queue = Review queue ({ $count })
facets-review-queue-reading = Review queue (…)
facets-statistics = Statistics
facets-statistics-hint = Counts and a weekly plot for the current list
facets-duplicates-count = Possible duplicates ({ $count })
facets-duplicates = Possible duplicates
facets-trash = Trash ({ $count })
facets-conflicts = Conflicts ({ $count })
facets-all = All records ({ $count })
facets-kind-count = { $kind } ({ $count })
facet-status = Status
facet-basis = Evidence basis
facet-category = Civilian or serviceman
facet-label = Label
facet-warning = Content warning
facet-verification = Verification
facet-review = Review
facet-tags = Tags
facet-dates = Dates
facet-dates-set = Dates (set)
facet-from = From
facet-until = Until
facet-dates-persons = Persons by the date of their current status.
views-heading = Saved views
views-empty = Choose filters below, then save them as a view.
views-remove = Remove this view
views-save-as = Save as a view...
views-name = Name of the view
views-save = Save view
views-cancel = Cancel

## The record editor

editor-none = Select a record in the list to see and edit it, or make one with New record (Ctrl+N). Help > Getting started says what records, labels, review and packages are.
editor-tab-record = Record
editor-tab-history = History
editor-history-hint = The record's chain of custody, from the audit log
outside-heading = Changed outside Dossier
outside-text = This record's file was changed by something other than Dossier (a person, a script, a sync tool). It cannot be shared, and any approval it had was withdrawn, until you accept the change for review or restore the version Dossier last logged.
outside-accept = Accept for review
outside-restore = Restore from a copy...
outside-no-version = The log never had this record: there is no logged version to restore
review-label = Review:
review-may-share = may be shared within its label
review-reviewer = Reviewer: { $comment }
review-withdrawn = Approval withdrawn: the content changed after it was approved, so it is back in review.
review-submit = Submit for review
review-submit-hint = Put it in the review queue
review-own = You submitted it, so another person approves it: two people for every approval.
review-comment-hint = Reviewer's comment (logged, never shared)
review-comment = Reviewer's comment
review-outside-first = Changed outside Dossier: accept the change for review first
review-own-short = You submitted it (or changed it in review): another person approves it
review-approve = Approve
review-approve-hint = Approve for sharing; logged with your name
review-request = Request changes
review-request-first = Write what should change first
review-approved-note = Changing its content or label returns it to review.
trash-banner = In the trash: restore it to edit.
trash-restore = Restore from trash
trash-read-only = The catalogue is open read-only
editor-graphic = Graphic
editor-title = Title
editor-full-name = Full name
editor-created = Created { $when } by { $who }
editor-changed = Changed { $when } by { $who }
editor-id-hint = The record's id; its file is records/<id>.json

## The record's fields

field-not-set = Not set
field-kind = Kind
field-label = Label
field-place = Place
field-place-hint = e.g. Stepanakert; Hadrut district
field-reported-by = Reported by
field-author = Author or issuing body
field-author-hint = A person, office or organisation
field-language = Language
field-verification = Verification
field-coordinates = Coordinates
field-coordinates-hint = Latitude, longitude, e.g. 39.8177, 46.7528
field-not-saved = Not saved: { $why }
field-date = Date
field-warnings = Content warnings
field-tags = Tags
field-remove-tag-hint = Remove the tag '{ $tag }'
field-remove-tag = Remove tag { $tag }
field-new-tag = New tag
field-add-tag = Add tag
field-source = Source
field-source-name = Source name
field-source-name-hint = Channel, outlet, witness, agency
field-how-collected = How collected
field-description = Description
field-description-hint = What it is, what it says, what it shows
field-person = Person
field-name-hint = Name
field-name = Name { $n }
field-script-of-name = Script of name { $n }
field-primary = primary
field-remove-name = Remove name { $n }
field-add-name = Add a name (another script)
field-birth = Date of birth
field-sex = Sex
field-residence = Residence
field-residence-hint = Town or village
field-category = Category
field-unit = Unit
field-unit-hint = Military unit
field-rank = Rank
field-identifying = Identifying notes
field-identifying-hint = Marks, clothing, documents found
field-private = Private notes
field-private-hint = Never leaves this catalogue: not in shares, exports or logs.
field-private-placeholder = Sources to protect, doubts, follow-ups
method-open-source = Open source
method-submitted = Submitted
method-field-capture = Field capture
method-received-from-organisation = Received from an organisation
method-other = Other

## A person's status timeline

timeline-remove-entry = Remove entry
timeline-remove-entry-n = Remove entry { $n }
timeline-add = Add a status entry
timeline-add-hint = The newest information goes last; set its date
timeline-hint = The current status is the latest entry; entries are put in date order the next time the record is opened.
timeline-untimed = Recorded as { $status } without a timeline entry.
timeline-put-in = Put it in the timeline
timeline-heading = Status timeline
timeline-now = now:
timeline-none = no entries yet
timeline-entry-date = Entry { $n }: date
timeline-status = Status
timeline-basis = Evidence basis
timeline-verification = Verification
timeline-of-entry = { $what } of entry { $n }
timeline-sources = Sources
timeline-note = Note
timeline-note-hint = What the entry rests on
timeline-note-of-entry = Note of entry { $n }
timeline-source-not-here = (record { $id } not here)
timeline-remove-source = Remove source { $j } of entry { $n }
timeline-link-to-cite = Link a report or statement to cite it here
timeline-add-source = Add a source...
timeline-add-source-to = Add a source to entry { $n }
timeline-chart-now = now
timeline-chart-span = { $status }: from { $from } to { $until }

## Help > Getting started

menu-guide = Getting started
guide-title = Getting started
guide-record-heading = Records
guide-record = A record is one piece of the catalogue: a report, a statement, a photo or video, a person (captive, missing, killed...) or an incident. Make one with New record (Ctrl+N) or drop files onto the window. Every change is saved by itself and written in the audit log with your name.
guide-label-heading = Labels
guide-label = Every record and every file has a TLP label that says who may see it: TLP:CLEAR anyone, TLP:GREEN the recipient's community, TLP:AMBER organisations that need to know, TLP:AMBER+STRICT the recipient organisation only, TLP:RED named people only. New records are TLP:AMBER. A package never carries anything above what its recipient may see.
guide-review-heading = Review
guide-review = Only approved records can be shared. Submit a record for review when it is ready; another person approves it or asks for changes (two people for every approval). Changing an approved record sends it back to review.
guide-package-heading = Packages
guide-package = Sharing > Share with a recipient makes a package for one recipient: only approved records whose label the recipient may see, with their files (graphic ones stay marked, metadata such as GPS removed for public recipients), a manifest with every file's SHA-256, and a log entry. The recipient can check it with dossier share-verify.
guide-close = Close

## About and keyboard shortcuts

about-title = About Dossier
about-what = An offline catalogue for sensitive human-rights evidence.
about-tlp = Labels follow the FIRST Traffic Light Protocol 2.0:
about-fonts = Armenian text uses Noto Sans Armenian (SIL Open Font License).
shortcuts-title = Keyboard shortcuts
shortcut-new = New record (of the kind shown)
shortcut-search = Search
shortcut-open = Open a catalogue
shortcut-save = Save now (edits also save by themselves)
shortcut-share = Share with a recipient
shortcut-undo = Undo / redo the last change
shortcut-move = Previous / next record in the list
shortcut-page = A page up or down, the first or last record
shortcut-choose = Choose many records
shortcut-delete = Move the selected records to the trash
shortcut-escape = Close the window on top
shortcut-menu = Open the menu

## Theme and text size

prefs-theme = Theme
theme-system = Follow the system
theme-light = Light
theme-dark = Dark
prefs-text-size = Text size
size-small = Small
size-normal = Normal
size-large = Large
size-larger = Larger
prefs-looks-hint = These apply at once, on this computer.

## Importing a list (CSV) and exporting one

menu-import-csv = Import a list (CSV)...
csv-import-title = Import a list
csv-import-file = From { $file }
csv-import-summary = { $create } to create, { $update } to update, { $same } unchanged, { $errors } with errors
csv-import-blocked = Some lines are wrong: nothing is imported until they are fixed, unless you import only the good lines.
csv-import-skip = Import only the good lines
csv-import-go = Import
csv-import-nothing = Nothing to import
csv-import-done = Imported { $file }: created { $create }, updated { $update }
csv-export-title = Export as CSV
csv-export-what-chosen = Writes the { $count } chosen records to a new CSV file (logged: file, columns, records).
csv-export-what-list = Writes the records the list shows to a new CSV file (logged: file, columns, records).
csv-export-columns = Columns
csv-export-private = Private notes are never a column.
csv-export-max-label = Most restricted label in the file
csv-export-max-label-hint = Records with a more restricted label are left out, and the report says how many.
csv-export-go = Export...
csv-export-no-columns = Choose at least one column
csv-export-cancel = Cancel
csv-export-held-back = Exported { $written } records to { $file }; { $held } with a label above { $label } were left out.
views-update = Update to the current filters
views-rename = Rename...
views-new-name = New name of the view
views-rename-save = Rename
recipients-edit = Edit
recipients-editing = Change { $name }
recipients-save-changes = Save changes
recipients-cancel-edit = Cancel

## Trash, review queue, links and possible duplicates

trash-heading = Trash
trash-hint = Records here can be restored until the trash is emptied.
trash-empty-button = Empty trash...
trash-is-empty = The trash is empty.
trash-moved = Moved to trash
trash-restore-button = Restore
queue-heading = Review queue
queue-hint = Records waiting for review, the longest-waiting first. Only approved records can be shared.
queue-empty = Nothing is waiting for review.
queue-empty-hint = A record enters the queue when someone presses "Submit for review" in its editor.
queue-select-all = Select all { $count }
queue-selected = { $count } selected
queue-comment = Comment
queue-comment-hint = Logged with your name; never shared
queue-approve = Approve selected
queue-approve-hint = Approve for sharing; the approval is logged with your name
queue-outside-first = Some selected records were changed outside Dossier: accept those changes first
queue-request = Request changes
queue-request-hint = Send back with the comment saying what to change
queue-request-first = Select records and write a comment saying what to change
queue-accept-outside = Accept outside changes
queue-accept-outside-hint = The records stay in review as they now are; logged
queue-set-label = Set label
queue-waiting-since = Waiting since
queue-submitted-by = Submitted by
queue-select-one = Select { $title }
queue-changed-outside = { $title } (changed outside Dossier)
queue-accept-first = Accept the change for review before approving it
links-heading = Links
links-in-trash = (a record in the trash)
links-missing = (missing record { $id })
links-remove = Remove link { $n }
links-kind = Link kind
links-find = Find a record to link
links-no-match = No record matches.
links-add = Add this link
dups-heading = Possible duplicates
dups-hint = Persons with the same name in any script (Armenian, Russian, Latin) and the same or a close date of birth. Merging keeps every name, status entry, link and file of both; the duplicate goes to the trash with its history, and the merge is logged.
dups-looking = Looking for possible duplicates among the persons...
dups-looking-again = The catalogue changed: looking again...
dups-none = No possible duplicates.
dups-shown = The { $shown } most alike pairs of { $total }. Merge or mark them to see the next.
dups-merge-into = Merge into '{ $name }'
dups-keep-left = Keep the left record; the right one goes to the trash
dups-keep-right = Keep the right record; the left one goes to the trash
dups-not-same = Not the same person
dups-born = born { $date }
dups-entries = { $count } status entries
dups-merge-pair-left = Merge pair { $n } into the left
dups-merge-pair-right = Merge pair { $n } into the right
dups-pair-distinct = Pair { $n } are different persons

## Small dialogs

newcat-heading = New catalogue
newcat-title = Title
newcat-title-hint = e.g. Captives 2020: case files
newcat-folder = Folder
newcat-folder-hint = a new or empty folder
newcat-choose = Choose a folder...
newcat-where = Where should the new catalogue go?
newcat-hint = Dossier makes the folder if it does not exist.
newcat-create = Create
newcat-default-name = New catalogue
path-open = Open a catalogue by path
path-import = Import a file by path
path-relink = Look for missing originals in a folder
path-package = Write the package to a path
path-receive = Receive a package by path
path-logged = Restore the logged version from a copy
path-export-csv = Write the CSV file to a path
path-import-csv = Import a list (CSV) by path
path-nothing-chosen = Nothing was chosen. If no file dialog appeared, this desktop may lack xdg-desktop-portal or zenity; type the path instead.
path-field = Path
path-go = Go
merge-heading = Merge these two persons?
merge-text = '{ $kept }' is kept. It gains the names, timeline, links and history of '{ $gone }', which goes to the trash marked as merged into it. Records that point to '{ $gone }' will point to '{ $kept }'.
merge-undo-hint = Logged; Edit > Undo (Ctrl+Z) brings both back as they were.
merge-go = Merge into '{ $kept }'
empty-trash-heading = Empty the trash?
empty-trash-text =
    { $count ->
        [one] { $count } record will be deleted for good. This cannot be undone. Its attachment originals stay in the catalogue.
       *[other] { $count } records will be deleted for good. This cannot be undone. Their attachment originals stay in the catalogue.
    }
empty-trash-go = Delete for good
unsaved-heading = Some changes are not saved
unsaved-text = If you close now, those changes are lost. Everything saved before is safe.
unsaved-retry = Try again
unsaved-keep = Keep Dossier open
unsaved-close = Close without saving
dialog-cancel = Cancel

## Attachments

attach-heading = Attachments
attach-files = Attach files...
attach-none = None yet. Attach files, or drop them onto the window.
attach-reveal = Reveal
attach-reveal-hint = Show this graphic image, for this session only
attach-reveal-name = Reveal { $name }
attach-blur = Blur again
attach-effective-label = Effective label: the stricter of the record's and the file's
attach-details = Details
attach-details-hint = Import record, embedded metadata and provenance
attach-details-of = Details of { $name }
attach-open = Open
attach-open-hint = Open with the system's program (the original stays read-only)
attach-open-name = Open { $name }
attach-remove = Remove
attach-remove-hint = Remove from this record; the original stays in the catalogue
attach-remove-name = Remove { $name }
attach-hidden =
    Graphic preview hidden
    (View menu)
attach-blurred = Blurred graphic preview
attach-preview = Preview
attach-no-preview = No preview
attach-no-preview-why = No preview: { $why }
attach-file-label = File: { $label }
attach-label-of = Label of { $name }
attach-graphic = Graphic violence
attach-graphic-name = { $name } shows graphic violence

## Problems

problems-title = Problems
problems-none = Every file of this catalogue could be read, and the audit log accounts for all of them.
problems-copy = Copy the list
problems-outside = Changed outside Dossier ({ $count }): waiting for a decision
problems-outside-hint = These record files were changed, added or put back by something other than Dossier (a person, a script, a sync tool). Any approval they had was withdrawn, and they cannot be shared until someone accepts the change for review or restores the version Dossier last logged from a copy (a backup, another desktop). Both are logged.
problems-accept-all = Accept all for review
problems-unreadable-record = (unreadable record)
problems-accept-hint = The record goes to the review queue as it now is; a reviewer must approve it before it is shared
problems-restore-hint = Choose a folder (a backup, another desktop's catalogue) holding the version Dossier last logged; only a copy whose SHA-256 the log vouches for is accepted
problems-opening = Found and logged when the catalogue opened
problems-unreadable = Files that could not be read
problems-unreadable-hint = Their records are not shown. Dossier left them exactly as they are: fix them (or restore them from a backup) and open the catalogue again.
problems-line = line { $line }: 

## Statistics

stats-heading = Statistics
stats-for = for the { $count } records of the current list (filters on the left)
stats-dates = Dates: { $from } to { $until } (persons by the date of their current status)
stats-the-start = the start
stats-today = today
stats-no-status = No status yet
stats-all-persons = All persons
stats-not-recorded = Not recorded
stats-no-basis = No status in this list has an evidence basis.
stats-copy = Copy
stats-copy-hint = Copy as text (tab-separated, pastes into a spreadsheet)
stats-copy-name = Copy { $figure }
stats-no-weeks = No dated status changes or incidents in this list.
stats-per-week = per week
stats-incidents = Incidents
stats-show = Show these { $count } ({ $what })
figure-status = Persons by current status
figure-status-basis = Evidence basis of each status
figure-category = Civilians and servicemen
figure-weeks = Status changes and incidents per week

## The share wizard

share-title = Share with a recipient
share-no-recipients = There are no recipients yet. Add the organisations and people you share with, and the highest label each may receive.
share-recipients = Recipients...
share-recipient = Recipient
share-choose = Choose...
share-may-receive = may receive up to
share-consider = Consider
share-every-record = Every record
share-listed = The { $count } records in the list
share-listed-hint = The records the current search and filters show
share-selected = The selected record
share-sent-as = Sent as
share-sent-as-you = you, by name (this recipient is told who made each package)
share-sent-as-office = { $office } (the office; not your name)
share-choose-first = Choose a recipient to see what would go in and what is held back.
share-files = Files
share-strip = Remove embedded metadata (GPS position, camera serial, capture time, names)
share-strip-default = The default for the public and TLP:CLEAR or TLP:GREEN recipients. Files whose metadata cannot be removed are held back.
share-keep-default = The default for this recipient: the list below shows what each file carries.
share-strip-chosen = Your choice for this package; it is logged.
share-keep-chosen = Sent WITH embedded metadata, deliberately: your choice is logged.
share-goes-in = Goes in: { $records ->
    [one] { $records } record
   *[other] { $records } records
}, { $files ->
    [one] { $files } file
   *[other] { $files } files
}
share-held = Held back: { $records ->
    [one] { $records } record
   *[other] { $records } records
}, { $files ->
    [one] { $files } file
   *[other] { $files } files
}
share-rule = Only approved records within the recipient's clearance go in. Private notes, reviewer comments and the audit log never do; links to held-back records are dropped without a trace.
share-persons = For persons, these go: { $shared }. These stay: { $kept }.
share-goes-in-list = Goes in ({ $count })
share-nothing = Nothing: every record in scope is held back.
share-held-list = Held back ({ $count })
share-files-go = { $count } file(s) go in
share-file-held = file { $name } held back: { $reason }
share-file = file
share-private-stay = private notes stay (never shared)
share-links-dropped = { $count } link(s) to held-back records dropped
share-writing = Writing the package
share-cancel = Cancel
share-save-as = Save as
share-zip = a .zip file
share-folder = a folder
share-read-only = The catalogue is read-only, and every disclosure must be logged
share-nothing-may-go = Nothing may go to this recipient
share-export = Export package...
share-written = Package written: { $path } ({ $records } records, { $size }). Each disclosure is in the audit log.
share-show-folder = Show in folder

## Verification

verify-title = Verification report
verify-checked = Checked { $records } records, { $originals } originals ({ $size }) and { $entries } audit entries in { $seconds } s{ $speed }.
verify-ok = No problems: every original matches its hash, every record its log, and the log is unbroken.
verify-problems = { $count } problems found:
verify-expected = expected: { $what }
verify-found = found: { $what }
verify-copy = Copy the report
verify-locate = Locate missing originals...
relink-title = Missing originals
relink-none = No originals are missing.
relink-summary = Looked at { $seen } files: { $restored } restored, { $missing } still missing.
relink-restored = Restored { $sha } from { $from }
relink-refused = Refused { $file }: { $why }
relink-still-missing = Still missing: { $name } (sha256 { $sha })
relink-logged = Each restore is in the audit log.

## The audit log and the sharing log

log-title = Audit log
log-count =
    { $count ->
        [one] { $count } entry
       *[other] { $count } entries
    }
log-actor = Actor
log-any = any
log-action = Action
log-any-action = Any
log-from = From
log-to = To
log-clear = Clear
log-entry = Entry
log-time = Time (UTC)
log-what = What
log-record = Record
sharing-title = Sharing log
sharing-nothing = Nothing has been shared yet.
sharing-recipient = Recipient
sharing-all = All
sharing-by-package = By package
sharing-by-record = By record
sharing-deleted = (deleted record)
sharing-record = Record
sharing-when = When
sharing-package = Package
sharing-package-line =
    { $when }  { $recipient }  —  { $count ->
        [one] { $count } record
       *[other] { $count } records
    }, made by { $who }
sharing-package-id = Package { $id }

## Recipients

recipients-title = Recipients
recipients-hint = Packages can only be made for these recipients, and only with what their clearance allows.
recipients-none = No recipients yet. Add the first below.
recipients-name = Name
recipients-kind = Kind
recipients-max = May receive up to
recipients-contact = Contact
recipients-notes = Notes
recipients-remove = Remove
recipients-remove-hint = Packages already made stay in the sharing log
recipients-add-heading = Add a recipient
recipients-exists = A recipient with this name exists.
recipients-add = Add recipient
recipients-name-hint = e.g. OSCE Office for Democratic Institutions and Human Rights
recipients-packages-name = Packages name
recipients-name-sender = the person who makes each package (otherwise only the office)
recipients-office = Packages are sent in the name of
recipients-office-save = Save
recipients-office-hint = Logged. When empty, the catalogue's title is used.

## File details

details-title = File details: { $name }
details-import = Recorded on import
details-original-name = Original name
details-imported-from = Imported from
details-size = Size
details-bytes = { $size } ({ $bytes } bytes)
details-type = Type
details-sha-hint = Anyone can check the file is unchanged: sha256sum prints this value
details-imported = Imported
details-imported-by = { $when } by { $who }
details-working-copy = Working copy of
details-read-only = The stored original is read-only and is never changed.
details-embedded = Embedded metadata
details-none = None found in the file.
details-pixels = { $w } x { $h } pixels
details-duration = Duration
details-captured = Captured (camera clock)
details-camera = Camera
details-position = Position
details-orientation = Orientation
details-provenance = Provenance
details-source = Source
details-source-hint = URL, channel, witness or agency
details-source-kind = Kind of source
details-collected-by = Collected by
details-collected-by-hint = Who collected it
details-collected-on = Collected on
details-how = How collected
source-url = Web address
source-channel = Channel or account
source-witness = Witness
source-agency = Agency or organisation
source-other = Other

## What a change did (the status bar, Undo)

done-saved = Saved '{ $title }'
done-trashed-one = Moved '{ $title }' to the trash
done-trashed =
    { $count ->
        [one] Moved { $count } record to the trash
       *[other] Moved { $count } records to the trash
    }
done-restored = Restored '{ $title }'
done-labelled =
    { $count ->
        [one] Labelled { $count } record { $label }
       *[other] Labelled { $count } records { $label }
    }
done-submitted =
    { $count ->
        [one] Submitted { $count } record
       *[other] Submitted { $count } records
    }
done-approved =
    { $count ->
        [one] Approved { $count } record
       *[other] Approved { $count } records
    }
done-changes-requested =
    { $count ->
        [one] Asked for changes to { $count } record
       *[other] Asked for changes to { $count } records
    }
done-own-waiting =
    ; { $count ->
        [one] { $count } you submitted waits for another person
       *[other] { $count } you submitted wait for another person
    }
done-tagged =
    { $count ->
        [one] Tagged { $count } record '{ $tag }'
       *[other] Tagged { $count } records '{ $tag }'
    }
done-created = Created a new { $kind }
done-merged = Merged '{ $gone }' into '{ $kept }'
done-undone = Undone: { $what }
done-redone = Redone: { $what }

## Audit log actions

action-catalogue-created = Catalogue created
action-baseline = Entered in the log
action-created = Created
action-edited = Edited
action-label-changed = Label changed
action-review-changed = Review state changed
action-attachment-imported = Attachment imported
action-attachment-edited = Attachment edited
action-attachment-removed = Attachment removed
action-trashed = Moved to the trash
action-restored = Restored from the trash
action-deleted = Deleted for good
action-disclosed = Disclosed
action-verified = Catalogue verified
action-relinked = Missing original restored
action-repaired = Repaired
action-recipients-changed = Recipients changed
action-package-received = Package received
action-merged = Merged with a duplicate
action-exported = Exported
action-changed-outside = Changed outside Dossier
action-outside-change-accepted = Outside change accepted for review
action-logged-version-restored = Logged version restored
action-catalogue-changed = Catalogue details changed

## Why a package holds something back

hold-not-approved = not approved ({ $state })
hold-above = label above clearance ({ $label } is above { $max })
hold-missing = the original file is missing
hold-private = private: never shared
hold-outside = changed outside Dossier: accept the change for review, or restore the logged version
hold-conflict = in conflict between two desktops ({ $fields }): choose a value first
hold-recipient = the recipient may receive nothing: { $why }
hold-metadata = its embedded metadata cannot be removed ({ $kind }), and this package goes without it; keep metadata deliberately to send it
hold-redacted-copy = its redacted copy { $copy } goes instead (original held back: { $label })

## Errors: what went wrong, said to a person

io-disk-full = the disk is full. Free some space, then save again; nothing saved before was lost
io-permission-denied = permission denied. Check that you may write to this folder
io-read-only-drive = the drive is read-only
io-not-found = it does not exist (was it moved, deleted, or its drive unplugged?)
io-quota = your disk quota is used up. Free some space, then save again
io-could-not = Could not { $action } { $path }: { $why }
io-action-read = read
io-action-write = write
io-action-save = save
io-action-create = create
io-action-delete = delete
io-action-move = move
io-action-open = open
io-action-protect = protect
io-action-search = search
io-action-store = store
io-action-repair = repair
io-action-finish = finish
io-action-name = name
io-action-append-log = add to the audit log
error-item-recipient = recipient
error-item-view = view
error-folder-missing = The folder { $path } does not exist. Was it moved or renamed, or is its drive unplugged?
error-not-a-catalogue = { $path } is not a Dossier catalogue: { $reason }
error-cannot-create = Cannot create a catalogue in { $path }: { $reason }
error-read-only = This catalogue is read-only: { $why }. Nothing was changed.
error-unknown-record = There is no record { $id } in this catalogue.
error-ambiguous-id = '{ $prefix }' matches { $count } records; give more of the id.
error-not-in-trash = There is no record { $id } in the trash.
error-merge-with-itself = A record cannot be merged with itself.
error-distinct-from-itself = A person cannot be marked as different from themselves: give two different records.
error-not-a-person = '{ $title }' is not a person; only persons can be merged or told apart.
error-approve-outside-change = '{ $title }' was changed outside Dossier, and no one has accepted that change yet. Accept it for review (or restore the logged version) first; nothing was approved.
error-own-submission = You submitted '{ $title }' for review (or changed it since), so another person must approve it: this catalogue asks for two people for every approval. A single-person office can turn that off (dossier catalogue PATH --two-people off, or Preferences in the app).
error-undo-over-outside-change = Record { $id } was changed outside Dossier since; that change waits for a person to accept or restore it, so Undo left it alone.
error-no-outside-change = Record { $id } has no change from outside Dossier waiting for a decision.
error-no-logged-version = Record { $id } was added outside Dossier, so there is no logged version to restore. Accept it for review, or move it to the trash.
error-not-the-logged-version = { $file } is not the version logged at entry { $seq }: its SHA-256 is { $found }, the log has { $expected }. Nothing was changed.
error-not-a-record = { $file } cannot be read as a record: { $problem }
error-other-record = { $file } holds record { $found }, not { $wanted }. Nothing was changed.
error-no-title = A catalogue needs a title.
error-unreadable-list = { $path } could not be read, so it is not overwritten. Fix or move it, then open the catalogue again.
error-no-name = A { $what } needs a name.
error-name-taken = There is already a { $what } named '{ $name }'.
error-cannot-import = Cannot import { $path }: { $reason }
read-only-requested = it was opened read-only
read-only-newer-format = it was written by a newer Dossier (format version { $found }; this Dossier knows version { $known }), so it opens read-only to keep that version's data intact. Update Dossier to edit it
read-only-open-elsewhere-by = it is open in another Dossier by { $holder }. Close it there to edit it here
read-only-open-elsewhere = it is open in another Dossier. Close it there to edit it here
read-only-not-writable = its folder cannot be written ({ $why })
read-only-received = it holds share package { $package } as received (made by { $sent_by }), kept unchanged as the record of what was sent
error-unknown-recipient = There is no recipient named '{ $name }'. Add it first (dossier recipients PATH add NAME --kind K --max-label L).
error-package-exists = { $path } already exists. Choose a new name: a package never overwrites anything.
error-original-changed = The original { $name } ({ $path }) no longer matches its SHA-256 (expected { $expected }, found { $found }). Nothing was exported; run Verify.
error-record-changed-on-disk = { $path } changed on disk after the package was planned (SHA-256 { $found }, planned { $expected }): it was changed outside Dossier and has not been reviewed in that form. Nothing was written; open the catalogue again so that the change is logged and held back.
error-cannot-strip = { $name } could not be copied without its embedded metadata ({ $reason }). Nothing was written; keep its metadata deliberately to send it as it is, or leave it out.
error-recipient-refused = Nothing was shared: { $why }
error-export-cancelled = The export was cancelled; nothing was written and nothing was logged.
error-not-a-package = { $path } is not a Dossier share package: { $reason }
error-unsafe-entry = { $path } was refused: entry '{ $entry }' { $reason }. Nothing was unpacked.
error-package-too-large = { $path } is larger than Dossier receives: { $what }. Nothing was received.
error-no-room = There is not enough room on the disk of { $path } to receive this package: it needs { $needed }, and { $free } is free. Free some space, or receive it into a catalogue on another drive; nothing was received.
error-fails-verification =
    { $path } fails verification, so it was not received:
    { $problems }
error-csv-not-utf8 = { $file } is not UTF-8 text (byte { $byte }); save it from the spreadsheet as "CSV UTF-8"
error-csv-header = { $file }: the header line could not be read: { $reason }
error-csv-exists = { $path } already exists; choose a new file name
error-unknown-column = '{ $column }' is not a column; use any of: { $keys }
error-no-columns = choose at least one column

## Messages of the app: tasks, pickers, history

task-not-started = Could not start { $task }: { $why }
task-stopped = { $task } stopped unexpectedly. Nothing it had finished was lost; try again.
task-duplicates = Looking for duplicates
task-search = Searching
task-opening = Opening the catalogue
task-importing = Importing files
task-verifying = Verifying
task-syncing = Syncing
task-relinking = Looking for originals
task-sharing = Writing the package
task-receiving = Receiving the package
task-finding-version = Looking for the logged version
busy-opening = Opening
busy-verifying = Verifying
busy-reading-records = Reading records: { $done } of { $total }
reading-records-held = Still reading records ({ $done } of { $total }): that will be done as soon as they are all read.
busy-importing = Importing file { $done } of { $count }
busy-relinking = Looking for originals: { $count } files
busy-previews =
    Making { $count ->
        [one] 1 preview
       *[other] { $count } previews
    }
error-open-file = Could not open the file: { $why }
error-original-missing = The original of '{ $name }' is missing: { $path } does not exist.
error-no-program = No program on this computer could open '{ $name }'. The original is { $path }
error-no-logged-copy = No copy of this record as Dossier logged it (SHA-256 { $sha }) was found in { $folder }. Nothing was changed.
error-import-needs-catalogue = Open a catalogue before importing files.
error-verify-stopped = Verification stopped: { $why }
error-sync = Sync stopped: { $why }
done-logged-verification = Logged the verification
done-shared = Shared { $count } records with { $recipient }
done-received = Received package { $package }: { $count } records, { $files } files. It opens read-only in { $folder }.
error-not-received = The package was not received: { $why }
error-import-record-gone = { $path }: the record it was for is gone
done-imported =
    Imported { $count ->
        [one] 1 file
       *[other] { $count } files
    }
done-imported-some-known =
    Imported { $count ->
        [one] 1 file
       *[other] { $count } files
    } ({ $already } already in the catalogue: linked to the stored original, not stored twice)
error-sample = Could not set up the sample catalogue: { $why }
history-reading = Reading this record's entries from the audit log…
history-unreadable = The audit log cannot be read, so this record's history cannot be shown: { $why }
history-nothing = Nothing is logged for this record yet.
history-intro =
    { $count ->
        [one] { $count } change
       *[other] { $count } changes
    } ({ $entries ->
        [one] { $entries } entry
       *[other] { $entries } entries
    } in the audit log), newest first. Each entry names the SHA-256 of the record file it left.
history-each-save = Each save
history-file-sha = file sha256 { $sha }
history-entry-hashes =
    This entry's hash: { $hash }
    The entry before: { $prev }
history-entry-line = entry { $seq }  hash { $hash }
history-burst-line = { $from } - { $to } by { $who } ({ $count } saves)
log-empty = (empty)
log-field-change = { $field }: { $from } -> { $to }
log-field-set = { $field }: { $to }
log-field-named = { $field }: changed (long text; the log keeps no copy)
log-changed-fields = changed { $fields }
log-when-who = { $when } by { $who }
error-no-display =
    Dossier's window needs a graphical desktop, and none was found (neither DISPLAY nor WAYLAND_DISPLAY is set).
    The command-line tools work without one: see `dossier --help`.
error-no-window = Dossier could not open its window: { $why }
date-field-help = A day, a month or a year, or a range with '..'. Add ? when uncertain, ~ when approximate.
date-not-saved = Not saved: { $why }
date-not-a-day = '{ $text }' is not a day; write it as 2020-09-27
preview-no-thread = No preview: Dossier could not start a thread to make it.
preview-cannot = Cannot preview this file: { $why }
nothing-open = No catalogue is open
nothing-open-hint = Open a catalogue folder, or create a new one, from the File menu.
nothing-open-choose = Open catalogue...
nothing-open-sample = Open the sample catalogue
opening-folder = Opening { $path }
opening-after-records = Records read; checking the audit log and building the search index
done-distinct = Marked as different persons
done-view-saved = Saved the view '{ $name }'
done-view-removed = Removed the view '{ $name }'
done-view-renamed = Renamed the view '{ $from }' to '{ $to }'
done-saved-failed = Saved the changes that had failed
attachment-sha-hover = SHA-256 of the original: { $sha }
recipient-receives-nothing = { $name } (receives nothing)
pick-catalogue = Open a Dossier catalogue folder
pick-import-files = Import files into the catalogue
pick-relink-folder = Where might the missing originals be? (a folder or a drive)
pick-sync-folder = The folder to sync through (a USB stick or a shared drive)
pick-csv-destination = Export as CSV: a new file
pick-csv-import = Import a list (CSV)
pick-logged-version = The folder holding a copy of this record (a backup, another desktop)
error-no-logged-version-here = This record has no logged version to restore: accept it for review instead.
pick-package-to-receive = Receive a package from another office (.zip)
pick-filter-package = Dossier package
package-file-name = Dossier package for { $recipient } { $date }
pick-package-zip = Save the package as a .zip file
pick-package-folder = Name the new package folder
pick-filter-zip = Zip archive

## The package report (index.html), link kinds, recipient kinds, file classes

report-title = { $label } — package for { $recipient }
report-package = Package { $id }
report-heading = Evidence package for { $recipient }
report-highest = The most restricted label in this package is { $label }. { $means }
report-custody = the sender's record of custody stood at entry { $entries }, hash { $hash }: keep this, and the sender can prove later that their record was only added to since
report-recipient = Recipient
report-recipient-is = { $name } ({ $kind }; may receive up to { $max })
report-made = Made
report-made-by = { $when } by { $who }
report-records = Records
report-files = Files
report-package-id = Package id
report-chain = Chain of custody
report-files-note = Every file is listed with its SHA-256 in manifest.json; the records are in records.json and the persons in persons.csv. Handle each page as the label at its top says.
report-contents = Contents
report-field-label = Record label
report-field-author = Author / issued by
report-field-url = Source URL
report-field-method = How collected
report-field-names = Names
report-field-status = Status
report-field-basis = Evidence basis
report-field-category = Civilian or serviceman
report-field-id = Record id
report-related = Related records
report-timeline = Status timeline
report-sources = Sources
report-note = Note
report-graphic = Graphic content: click to show
report-captured = Captured { $when }
link-mentions = mentions
link-documents = documents
link-issued-by = issued by
link-about-person = about person
link-appeals-to = appeals to
link-part-of = part of
link-related-to = related to
link-victim = victim
link-witness = witness
link-perpetrator = perpetrator (named in a source)
recipient-kind-government = Government agency
recipient-kind-international = International organisation
recipient-kind-ngo = NGO
recipient-kind-mediator = Mediator
recipient-kind-public = Public
media-photo = Photo
media-video = Video
media-audio = Audio
media-document = Document
media-other = File

## Lists (CSV import and export)

csv-line-create = line { $line }: create { $kind } '{ $name }'
csv-line-update = line { $line }: update '{ $name }' ({ $id }): { $changes }
csv-line-same = line { $line }: no change to '{ $name }' ({ $id })
csv-line-error = error: { $error }
csv-not-valid = not valid CSV: { $why }
csv-unknown-column = unknown column; the columns are: { $keys }
csv-same-record = the same record as line { $first }
csv-duplicate-line = a duplicate of line { $first } ('{ $name }')
csv-already-known = '{ $name }' is already in the catalogue ({ $id }); add the id column to update that person
csv-error-at-column = line { $line }, column '{ $column }': { $message }
csv-error-at-line = line { $line }: { $message }
csv-basis-needs-status = a basis needs a status in the same line
csv-date-needs-status = a status date needs a status in the same line
csv-only-persons = only persons have this; this line is a { $kind }
csv-person-needs-name = a person needs a name (the 'name', 'names' or 'title' column)
csv-record-needs-title = a record needs a title
csv-not-an-id = '{ $text }' is not a record id
csv-in-trash = { $id } is in the trash; restore it first
csv-no-name-before-language = '{ $part }' has no name before the language
csv-two-primary = more than one name is marked primary (*)
csv-in-part = in '{ $part }': { $why }
csv-date-and-status = '{ $part }' should be a date and a status, e.g. '2020-10-20 captured (acknowledged)'
csv-cell-count = { $cells } cells, but the header has { $columns } columns
csv-needs-name-column = the file needs a 'name', 'names' or 'title' column (or 'id' to update)
date-empty = it is empty
date-shape = write a day as 2020-09-27, a month as 2020-09, a year as 2020
date-year-digits = the year must have four digits
date-year-not-number = the year is not a number
date-month-digits = the month must be one or two digits
date-day-digits = the day must be one or two digits
date-month-range = the month must be 1 to 12
date-no-such-day = { $month } has no day { $day }
date-range-backwards = the range ends before it starts
outside-when = (entry { $seq })
outside-describe-changed = { $file } was changed outside Dossier{ $when } after the version logged at entry { $seq }; it cannot be shared until someone accepts the change for review or restores the logged version
outside-describe-added = { $file } was added outside Dossier{ $when }; it cannot be shared until someone accepts it for review

## What a change did, as the core says it

done-exported = Exported { $count } records to { $file }
done-saved-many = Saved { $count } records
done-conflict-resolved = Conflict on { $field } resolved
done-emptied-trash = Emptied the trash ({ $count } records)
done-accepted-outside =
    Accepted { $count ->
        [one] 1 outside change
       *[other] { $count } outside changes
    } for review
done-restored-logged = Restored the logged version of '{ $title }'
done-saved-recipients = Saved the recipients
done-saved-views = Saved the views
done-no-changes = No changes
done-logged = Logged
done-logged-opening = Logged what opening found
task-reading-list = Reading the list
task-writing-list = Making the list
list-keyboard-name = List: { $title }
csv-catalogue-closed = The list was not imported or exported: its catalogue was closed first.

## Encryption

error-locked = { $path } is encrypted: it opens with a passphrase or its recovery key.
error-wrong-passphrase = That passphrase does not open { $path }. Check it and try again.
error-wrong-recovery-key = That recovery key does not open { $path }. Check it and try again.
error-short-passphrase = A passphrase needs at least { $count } characters; a few words are easier to remember and harder to guess.

## Unlocking

unlock-heading = Unlock the catalogue
unlock-passphrase = Passphrase
unlock-recovery-key = Recovery key
unlock-use-recovery = I have the printed recovery key instead
unlock-button = Unlock
menu-lock = Lock

## New encrypted catalogue

newcat-plain = Plain: do not encrypt it (a public archive)
newcat-plain-hint = Whoever can read the folder will read everything in it.
newcat-passphrase = Passphrase
newcat-passphrase-again = The same passphrase again
newcat-passphrase-hint = A few words only you know. Nobody, Dossier included, can open the catalogue without it or the recovery key shown next.
newcat-passphrases-differ = The two passphrases differ.
task-creating = Making the encrypted catalogue
recovery-heading = The recovery key
recovery-explain = It opens the catalogue if every passphrase is lost. It is shown only now: print it or write it down, and keep it apart from this computer.
recovery-copy = Copy
recovery-written = I have printed it or written it down
recovery-done = Done

## Idle lock

prefs-lock = Lock an encrypted catalogue after this many idle minutes
prefs-lock-hint = Locking forgets the keys and closes what was open; the passphrase opens it again.
prefs-lock-error = Give a number of minutes from 1 to 1440.

## Passphrases

error-item-passphrase = passphrase
error-last-passphrase = This is the catalogue's last passphrase: add another before removing it (the recovery key is for emergencies).
error-not-encrypted = { $path } is not encrypted: it has no passphrases.
error-no-such-passphrase = There is no passphrase labelled '{ $label }'.
action-keys-changed = Passphrases changed
action-encrypted = Catalogue encrypted
action-decrypted = Catalogue decrypted
action-key-rotated = Catalogue key rotated
action-sync-set-up = Set up for sync
action-received-by-sync = Received from another desktop
action-merged-by-sync = Merged with another desktop's changes
action-conflict-resolved = Conflict resolved
action-redacted = Redacted copy made


## Converting

error-encrypting-interrupted = Encrypting { $path } was interrupted before it finished. Run `dossier encrypt { $path }` again (with its new passphrase) to finish it; nothing was lost.
error-decrypting-interrupted = Decrypting { $path } was interrupted before it finished. Run `dossier decrypt { $path }` again (with its passphrase) to finish it; nothing was lost.
error-converting-failed = Cannot convert { $path }: { $reason }

## Sealed files

seal-not-sealed = it is not an encrypted Dossier file
seal-unknown-format = it is encrypted in a format this Dossier does not know ({ $version })
seal-tampered = it does not open with this catalogue's key: it was changed, cut short, moved from another file name, or comes from another catalogue
seal-chunk-tampered = part { $part } of it was changed, moved or swapped
seal-truncated = it is cut short: it ends after part { $part }, and its last part is missing
seal-no-random = the system gave no random numbers

## Encrypted packages

error-wrong-package-passphrase = That passphrase does not open the package { $path }. Check it with the sender.
error-short-package-passphrase = A package's passphrase needs at least { $count } characters (or let Dossier make one with --encrypt).

## Encrypted packages in the app

share-encrypt = Encrypt it
share-encrypt-hint = An AES-256 zip that 7-Zip or Dossier opens, under a passphrase Dossier makes; you give it to the recipient another way (in person, by phone), never with the package.
share-encrypt-zip-only = Only a zip file can be encrypted.
share-passphrase-explain = The package is encrypted. Its passphrase, to give the recipient another way (in person or by phone; never with the package); it is shown only here:

## Passphrases dialog

menu-passphrases = Passphrases...
passphrases-heading = Who may open this catalogue
passphrases-hint = Each passphrase opens the catalogue. Labels can be read by anyone who has the folder: use an initial or a role, not a name. Removing one re-encrypts nothing: whoever knew it may have kept the key (`dossier rotate-key` shuts them out). Every change is in the audit log.
passphrases-recovery = The printed recovery key
passphrases-remove = Remove
passphrases-add-heading = Add a passphrase for a colleague (they type it)
passphrases-label = Label
passphrases-add = Add
dialog-close = Close
task-wrapping = Protecting the new passphrase

## Passphrases dialog: change

passphrases-change = Change
passphrases-change-hint = To change a passphrase, give its label and the new passphrase.

## Receiving an encrypted package

package-passphrase-heading = Open an encrypted package
package-passphrase-hint = The sender gave its passphrase another way (in person or by phone).
package-passphrase-open = Open

## Receiving into a new catalogue

receive-heading = Receive a package
receive-explain = It becomes a new read-only catalogue: the record of what was sent. Like every new catalogue, it is encrypted unless you choose otherwise.
receive-button = Receive

## Sync between desktops
sync-heading = Sync
sync-explain = Desktops that share a folder (a USB stick, a shared drive) send each other their changes. Records changed on two desktops are merged field by field; what cannot be merged waits under Conflicts.
sync-none = This catalogue does not sync yet: choose a folder to sync through.
sync-never = never synced
sync-last = last synced { $when }
sync-now = Sync now
sync-add-folder = Sync through a folder...
sync-wait = Sending this desktop's changes and receiving the others'. The catalogue opens again when it is done.
sync-done = Synced: { $received } received, { $sent } sent, { $merged } merged, { $conflicts } in conflict
sync-folder-added = This catalogue now syncs through { $folder }
conflicts-heading = Conflicts
conflicts-hint = Fields two desktops changed differently. Until you choose, the record is not shared.
conflicts-none = No conflicts: every synced change merged.
conflicts-nothing = (nothing)
conflicts-ours = This desktop (by { $by })
conflicts-theirs = The other desktop (by { $by })
conflicts-keep = Keep this
conflicts-take = Take this
conflicts-combined = Combined
conflicts-use = Use this
outside-reloading = Record files changed on disk outside Dossier: opening the catalogue again to see them
outside-edit-conflict = The record you were editing changed on disk meanwhile: both versions are kept, and what both changed waits under Conflicts
sync-error-no-git = sync needs git, which is not installed on this computer. Install it (Debian or Ubuntu: `sudo apt install git`; Windows: `winget install Git.Git`, or https://git-scm.com/download/win) and try again; everything else in Dossier works without it
sync-error-git = git failed: { $said }
sync-error-not-set-up = { $path } is not set up for sync yet: add a remote first (`dossier remote { $path } add NAME URL`)
sync-error-no-remote = there is no remote called '{ $name }' (see `dossier remote PATH list`)
sync-error-unrelated = the remote '{ $remote }' holds another catalogue (id { $theirs }, this one is { $ours }): two unrelated catalogues never sync
sync-error-shared-log = { $file } was written on another desktop too: this folder was copied rather than cloned. Make each desktop's copy with `dossier clone URL PATH`
sync-error-bad-original = { $path }: { $reason }; it was not taken
error-changed-underneath = it changed on disk since Dossier read it (another program or desktop wrote it): saving would overwrite that change, so nothing was written
error-convert-synced = it syncs with other desktops, and they would be left unable to read what this one sends; make the change on a catalogue that does not sync (or on every desktop's copy before it is cloned)
sync-error-busy = other desktops kept syncing through '{ $name }' while this one tried to send: what came is merged here; sync again in a moment to send it
status-synced = Synced { $when }
status-synced-hint = When this desktop last synced with the others (File > Sync...)
attach-view = View
attach-view-hint = Show the picture at full size, with zoom, and make a redacted copy
attach-view-name = View { $name }
viewer-title = Viewer: { $name }
viewer-loading = Opening the picture...
viewer-damaged = the picture is damaged: the decoder failed on it
viewer-not-picture = the viewer shows pictures and PDFs; this file is { $kind }: use Open to see it in another program
viewer-no-picture = No picture: { $why }
viewer-picture = Picture
viewer-previous = < Previous
viewer-previous-hint = The record's previous file (Left arrow)
viewer-next = Next >
viewer-next-hint = The record's next file (Right arrow)
viewer-position = File { $at } of { $of }
viewer-fit = Fit
viewer-zoom-in = Zoom in (+, or scroll)
viewer-zoom-out = Zoom out (-, or scroll)
viewer-graphic = Graphic content: blurred until you reveal it
viewer-redact = Redact:
viewer-tool-look = Move
viewer-tool-look-hint = Drag to move the picture
viewer-tool-blur = Blur a region
viewer-tool-blur-hint = Drag over what must not be recognised (a face, a plate): it is pixelated, then blurred, beyond recovery
viewer-tool-fill = Black out a region
viewer-tool-fill-hint = Drag over what must be covered: it is filled with black
viewer-tool-crop = Crop
viewer-tool-crop-hint = Drag over the part to keep
viewer-faces-suggest = Suggest faces
viewer-faces-suggest-hint = Looks for faces seen from the front and draws a box around each; you decide what is blurred
viewer-faces-finding = Looking for faces...
viewer-faces-found =
    { $count ->
        [0] No faces found.
        [one] 1 face suggested.
       *[other] { $count } faces suggested.
    }
viewer-faces-blur-all = Blur the suggested faces
viewer-faces-dismiss = Dismiss
viewer-faces-warning = Suggestions only: faces turned away, small, covered or in poor light are missed. Look over the whole picture yourself before sharing it.
viewer-faces-failed = Faces could not be looked for in this picture.
viewer-previous-record = Previous record
viewer-previous-record-hint = The previous record in the list that has a file to view (Up)
viewer-next-record = Next record
viewer-next-record-hint = The next record in the list that has a file to view (Down)
viewer-first-record = This is the first record in the list with a file to view.
viewer-last-record = This is the last record in the list with a file to view.
viewer-records-hint = Up and Down go through the list; Left and Right through this record's files.
viewer-shape-rectangle = Rectangle
viewer-shape-rectangle-hint = Drag from one corner to the other
viewer-shape-freehand = Freehand
viewer-shape-freehand-hint = Draw around the area, holding the button down; the outline closes when you let go
viewer-marks =
    { $count ->
        [0] No regions marked
        [one] 1 region marked
       *[other] { $count } regions marked
    }
viewer-undo-mark = Undo last mark
viewer-copy-label = Label of the copy
viewer-save-copy = Save redacted copy
viewer-save-copy-hint = Adds a copy with the marks applied and no embedded metadata to this record; the original is never changed
viewer-strip-only = Copy without metadata
viewer-strip-only-hint = Adds a copy with the same pixels and no embedded metadata (no GPS position, camera or capture time)
task-redacting = Making a redacted copy
error-redact-closed = The redacted copy was made, but its record is no longer open: nothing was added
done-redacted = Redacted copy { $name } added to the record
attach-has-gps = GPS position
attach-has-gps-hint = The file records where it was taken. Copies for the public and TLP:CLEAR or TLP:GREEN recipients go without it; a redacted copy never carries it.
attach-has-serial = Camera serial
attach-has-serial-hint = The file records its camera's serial number, which ties it to one device and its owner. Copies for the public go without it; a redacted copy never carries it.
details-serial = Camera serial number
details-every-field =
    { $count ->
        [one] Every embedded field (1): EXIF, XMP, IPTC, video tags
       *[other] Every embedded field ({ $count }): EXIF, XMP, IPTC, video tags
    }
viewer-page = Page { $at } of { $of }
viewer-page-previous = < Page
viewer-page-next = Page >
