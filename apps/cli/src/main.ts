console.log('caretwin');
