document.getElementById('app')!.textContent = 'Trailhound';
