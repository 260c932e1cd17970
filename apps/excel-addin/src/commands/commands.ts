// Ribbon commands. The Home tab button opens the task pane declaratively (ShowTaskpane in
// manifest.xml); this function file only has to initialise Office so the ribbon can load it.

Office.onReady(() => undefined);
